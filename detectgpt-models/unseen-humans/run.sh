#!/usr/bin/env bash
# False positives of the shipped default on kinds of human writing the ensemble head never trained
# on (make-sets.py: State of the Union addresses, software documentation, novels, children's
# stories; 150 texts of 200-400 words each): scans them as documents (so verdicts, length rule
# and calibration are the scan's) and prints per kind the texts called likely-machine and the
# highest scores against the threshold. Usage: detectgpt-models/unseen-humans/run.sh [--calibration FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/unseen
python3 detectgpt-models/unseen-humans/make-sets.py "$out/sets"
rm -rf "$out/files"
python3 - "$out" <<'PY'
import json, os, sys, glob
for f in glob.glob(sys.argv[1] + "/sets/*.jsonl"):
    d = os.path.join(sys.argv[1], "files", os.path.basename(f)[:-6])
    os.makedirs(d, exist_ok=True)
    for i, l in enumerate(open(f, encoding="utf-8")):
        open(f"{d}/{i:03d}.txt", "w", encoding="utf-8").write(json.loads(l)["text"])
PY
rm -f "$out/scan.jsonl"
./detectgpt scan --quiet --threads 2 "$@" --jsonl "$out/scan.jsonl" "$out/files" > /dev/null || true
python3 - "$out/scan.jsonl" <<'PY'
import json, sys, collections
by = collections.defaultdict(list)
for l in open(sys.argv[1]):
    o = json.loads(l)
    by[o["path"].split("/")[-2]].append((o["score"], o["verdict"]))
print("| kind | texts | likely-machine | likely-human | median score | highest |")
print("|---|---|---|---|---|---|")
for k, v in sorted(by.items()):
    s = sorted(x for x, _ in v)
    n = lambda verdict: sum(1 for _, x in v if x == verdict)
    print(f"| {k} | {len(v)} | {n('likely-machine')} | {n('likely-human')} | {s[len(s) // 2]:.2f} | {s[-1]:.2f} |")
PY
