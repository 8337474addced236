#!/usr/bin/env bash
# Measures the shipped 'ensemble' heads and their calibration on the validation/ parts of
# ../shared/data (never used to fit them): AUROC per two-class file, and the verdict shares of
# each class per file and by length (eval --verdicts). Whitespace collapsed, as eval does.
# Usage: detectgpt-models/evaluate-heads.sh   (from the repository root, after a build)
set -euo pipefail
cd "$(dirname "$0")/.."
S=../shared/data
out=build/eval-heads
mkdir -p "$out"
tm=$S/train-modern/validation
./detectgpt eval -c ensemble --verdicts --threads 2 \
  $(ls $tm/*.jsonl | grep -v -e glimpse-zh -e imbd-zh) > "$out/train-modern-en.txt"
./detectgpt eval -c ensemble --verdicts --threads 2 \
  $S/eval/fast-detect-gpt-open/validation/*.json $S/eval/hc3-plus/en/validation/val_hc3_si.jsonl \
  $S/eval/mixset/validation/Mixset_test.json > "$out/dev-en.txt"
./detectgpt eval -c ensemble --verdicts --threads 2 \
  $tm/glimpse-zh.jsonl $tm/imbd-zh-polish.jsonl \
  $S/eval/hc3-plus/zh/validation/val_hc3_QA.jsonl $S/eval/hc3-plus/zh/validation/val_hc3_si.jsonl > "$out/zh.txt"
cat "$out"/train-modern-en.txt "$out"/dev-en.txt "$out"/zh.txt
