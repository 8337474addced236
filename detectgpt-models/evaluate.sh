#!/usr/bin/env bash
# Measures the bundled default models on every validation/ file of ../shared/data/eval (whitespace
# collapsed, as eval does by default) for each criterion, and prints the model-card tables.
# MixSet's pure/ and revised/ files hold one class each, so they are paired first (JSONL under
# build/eval/mixset-pairs): pure human vs pure machine; each LLM revision (labelled machine, as in
# MixSet's own binary test) vs the pure human texts; each *_humanize file (labelled human) vs the
# pure machine texts.
# Usage: detectgpt-models/evaluate.sh [EVAL_DIR]   (run from the repository root after a build)
# CRITERIA=... and LANGS=en (or zh) narrow the run; EVAL_ARGS=... is passed to eval (e.g.
# "--sampling-model detectgpt-en-human" for likelihood-ratio; it then applies to every criterion
# that takes a sampling model).
set -euo pipefail
eval_dir="${1:-../shared/data/eval}"
out="build/eval"
pairs="$out/mixset-pairs"
mkdir -p "$out"; rm -rf "$pairs"; mkdir -p "$pairs"
python3 - "$eval_dir/mixset" "$pairs" <<'PY'
import glob, json, os, sys
root, out = sys.argv[1:]
def texts(f, key=None):
    items = json.load(open(f))
    # a revision's text is its *_output field (the item also holds its source sentence)
    keys = list(items[0])
    key = key or next((k for k in keys if k.endswith("_output")), None) or next(
        k for k in keys if k in ("HWT_sentence", "MGT_sentence"))
    return [i[key] for i in items if isinstance(i.get(key), str) and i[key].strip()]
hwt = texts(f"{root}/pure/validation/HWT_original_data.json")
mgt = texts(f"{root}/pure/validation/MGT_original_data.json")
def write(name, human, machine):
    with open(f"{out}/{name}.jsonl", "w") as w:
        for t in human:
            w.write(json.dumps({"text": t, "label": 0}) + "\n")
        for t in machine:
            w.write(json.dumps({"text": t, "label": 1}) + "\n")
write("pure", hwt, mgt)
for f in sorted(glob.glob(f"{root}/revised/validation/*.json")):
    name = os.path.basename(f)[:-5]
    if "humanize" in name:
        write(name, texts(f), mgt)
    else:
        write(name, hwt, texts(f))
PY
criteria="${CRITERIA:-likelihood,rank,logrank,entropy,lrr,gltr,fast-detectgpt,binoculars,ensemble}"
langs="${LANGS:-en zh}"
# shellcheck disable=SC2086 # EVAL_ARGS is a list of options
for lang in $langs; do
  if [[ $lang == en ]]; then
    ./detectgpt eval --criterion "$criteria" --json --threads 2 ${EVAL_ARGS:-} \
      "$eval_dir"/fast-detect-gpt-open/validation/*.json \
      "$eval_dir"/hc3-plus/en/validation/val_hc3_si.jsonl \
      "$eval_dir"/mixset/validation/Mixset_test.json "$pairs"/*.jsonl > "$out/en.json"
  else
    ./detectgpt eval --criterion "$criteria" --json --threads 2 ${EVAL_ARGS:-} \
      "$eval_dir"/hc3-plus/zh/validation/val_hc3_QA.jsonl \
      "$eval_dir"/hc3-plus/zh/validation/val_hc3_si.jsonl > "$out/zh.json"
  fi
done
python3 detectgpt-models/table.py $(for lang in $langs; do echo "$out/$lang.json"; done)
