#!/usr/bin/env bash
# Cross-fitted pair features for the ensemble head (GPU): one pair per cross-validation group of
# the head, trained without that group, run side by side (under CUDA MPS when it starts and
# works), merged into $OUT/oof-pair-features.json.xz beside the log. Needs .pair/train.jsonl.xz
# (prep.py) and, at $BASE, the model the shipped pair was continued from:
#   git show e98ed08^:detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-en/model.safetensors
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-build/pair}
tmp=$(mktemp -d)
export PYTHONUNBUFFERED=1 BASE=${BASE:-.pair/base.safetensors} IDS=$tmp/ids.npz SCORE_BATCH=128 OMP_NUM_THREADS=2
py=${PYTHON:-python3}
nvidia-smi --query-gpu=name,memory.used --format=csv,noheader 2>&1 | head -2
if command -v nvidia-cuda-mps-control >/dev/null && nvidia-cuda-mps-control -d \
    && timeout 60 $py -c "import torch; torch.zeros(1).cuda(); print('cuda under MPS ok')"; then
  echo "MPS on"
else
  echo quit | nvidia-cuda-mps-control 2>/dev/null; echo "MPS off"
fi
TOKENIZE=1 OUT=$tmp $py detectgpt-models/pair/train-pair.py | tail -1
for f in ${FOLDS:-biscope detectrl gecscore imbd hc3-plus mixset other}; do
  mkdir -p "$tmp/$f"
  OOF=1 FOLD=$f OUT="$tmp/$f" timeout "${FOLD_TIMEOUT:-500}" $py detectgpt-models/pair/train-pair.py > "$tmp/$f/stdout.txt" 2>&1 &
done
wait
mkdir -p "$OUT"
for f in "$tmp"/*/; do echo "== $f"; tail -n 30 "$f/stdout.txt"; done > "$OUT/oof-log.txt"
$py - "$tmp" "$OUT" <<'PY'
import glob, json, lzma, os, sys
folds = [json.load(open(p)) for p in sorted(glob.glob(sys.argv[1] + '/*/oof-*.json'))]
with lzma.open(os.path.join(sys.argv[2], 'oof-pair-features.json.xz'), 'wt') as f:
    json.dump({'names': folds[0]['names'] if folds else [], 'folds': folds}, f)
print('merged folds:', [(d['fold'], len(d['idx'])) for d in folds])
PY
grep -E "scored|trained|Error|error|Traceback" "$OUT/oof-log.txt" | cut -c1-400 | head -40
