#!/usr/bin/env bash
# Writes the default calibrations of the bundled models from the HUMAN texts of the train/ parts
# of ../shared/data/eval (never validation/): each distinct human text long enough to get a
# verdict becomes one document, then 'detectgpt calibrate' measures the threshold at 1 % FPR.
# Usage: detectgpt-models/calibrate.sh CRITERION [EVAL_DIR]   (from the repository root, after a build)
set -euo pipefail
criterion="${1:?criterion}"
eval_dir="${2:-../shared/data/eval}"
work="build/calib"
rm -rf "$work"; mkdir -p "$work/en" "$work/zh"
python3 - "$eval_dir" "$work" <<'PY'
import glob, json, sys, hashlib
eval_dir, work = sys.argv[1:]
def human_texts_en():
    for f in sorted(glob.glob(f"{eval_dir}/fast-detect-gpt-open/train/*.json")):
        yield from json.load(open(f))["original"]
    for f in [f"{eval_dir}/mixset/pure/train/HWT_original_data.json"]:
        for item in json.load(open(f)):
            yield item.get("HWT_sentence") or ""
def human_texts_zh():
    for f in sorted(glob.glob(f"{eval_dir}/hc3-plus/zh/train/*.jsonl")):
        for line in open(f):
            d = json.loads(line)
            if d["label"] == 0:
                yield d["text"]
for lang, texts in (("en", human_texts_en()), ("zh", human_texts_zh())):
    seen = set()
    for t in texts:
        h = hashlib.sha256(t.encode()).hexdigest()[:16]
        if t.strip() and h not in seen:
            seen.add(h)
            open(f"{work}/{lang}/{h}.txt", "w").write(t)
    print(lang, len(seen), "distinct human texts")
PY
models="detectgpt-models/src/main/resources/org/detectgpt/models"
./detectgpt calibrate --quiet --model detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-en --criterion "$criterion" --human "$work/en" --fpr 0.01 \
  --out "$models/detectgpt-en/detectgpt-calibration.json"
./detectgpt calibrate --quiet --model detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-zh --model-zh detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-zh --criterion "$criterion" --human "$work/zh" --fpr 0.01 \
  --out "$models/detectgpt-zh/detectgpt-calibration.json"
# One file holding both languages' calibrations, in both model folders (scan uses the English
# default's file and picks each document's language from it).
python3 - "$models" <<'PY'
import json, sys
m = sys.argv[1]
en = json.load(open(f"{m}/detectgpt-en/detectgpt-calibration.json"))
zh = json.load(open(f"{m}/detectgpt-zh/detectgpt-calibration.json"))
have = {c["language"] for c in en["calibrations"]}
en["calibrations"] += [c for c in zh["calibrations"] if c["language"] not in have]
for name in ("detectgpt-en", "detectgpt-zh"):
    json.dump(en, open(f"{m}/{name}/detectgpt-calibration.json", "w"), indent=1)
PY
