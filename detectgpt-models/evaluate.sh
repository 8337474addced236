#!/usr/bin/env bash
# Measures the bundled default models on every validation/ file of ../shared/data/eval (whitespace
# collapsed, as eval does by default) for each criterion, and prints the model-card tables.
# Usage: detectgpt-models/evaluate.sh [EVAL_DIR]   (run from the repository root after a build)
set -euo pipefail
eval_dir="${1:-../shared/data/eval}"
out="build/eval"
mkdir -p "$out"
criteria="likelihood,rank,logrank,entropy,lrr,gltr,fast-detectgpt,binoculars,ensemble"
./detectgpt eval --model detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-en --criterion "$criteria" --json --threads 2 \
  "$eval_dir"/fast-detect-gpt-open/validation/*.json \
  "$eval_dir"/hc3-plus/en/validation/val_hc3_si.jsonl \
  "$eval_dir"/mixset/validation/Mixset_test.json > "$out/en.json"
./detectgpt eval --model detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-zh --criterion "$criteria" --json --threads 2 \
  "$eval_dir"/hc3-plus/zh/validation/val_hc3_QA.jsonl \
  "$eval_dir"/hc3-plus/zh/validation/val_hc3_si.jsonl > "$out/zh.json"
python3 detectgpt-models/table.py "$out/en.json" "$out/zh.json"
