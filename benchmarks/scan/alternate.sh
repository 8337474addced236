#!/usr/bin/env bash
# `scan -c fast-detectgpt` wall times of two builds, alternating (this shared host's speed drifts):
# BEFORE and AFTER are launchers (e.g. a worktree's ./detectgpt and this one). Makes two folders
# from ../shared validation data if missing: 60 BiScope essays cut to 500 words, 200 DetectRL
# texts cut to 120 words. Usage: benchmarks/scan/alternate.sh BEFORE AFTER [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1; after=$2; rounds=${3:-4}
dir=build/scanbench
if [[ ! -d $dir/essays ]]; then
  python3 - "$dir" <<'PY'
import json, os, sys
out, val = sys.argv[1], "../shared/data/train-modern/validation/"
for name, src, words, n in (("essays", "biscope-essay", 500, 60), ("short", "detectrl-multi-domain", 120, 200)):
    os.makedirs(f"{out}/{name}", exist_ok=True)
    k = 0
    for line in open(val + src + ".jsonl"):
        w = json.loads(line)["text"].split()
        if len(w) >= words and k < n:
            open(f"{out}/{name}/{k:03d}.txt", "w").write(" ".join(w[:words]) + "\n")
            k += 1
PY
fi
run() { /usr/bin/time -f "%e" "$1" scan -c fast-detectgpt --threads "$3" --quiet "$2" > /dev/null 2> /tmp/alternate.$$; tail -1 /tmp/alternate.$$; }
for r in $(seq "$rounds"); do
  for f in essays short; do
    echo "$r $f before-t2 $(run "$before" $dir/$f 2) after-t2 $(run "$after" $dir/$f 2) after-t1 $(run "$after" $dir/$f 1)"
  done
done
rm -f /tmp/alternate.$$
