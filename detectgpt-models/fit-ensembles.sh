#!/usr/bin/env bash
# Refits the shipped 'ensemble' criteria of the bundled models on the train/ parts of
# ../shared/data/eval (never validation/): at most 60 texts of each label per English file, 400 per
# Chinese file. Usage: detectgpt-models/fit-ensembles.sh [EVAL_DIR]   (from the repository root, after a build)
set -euo pipefail
eval_dir="${1:-../shared/data/eval}"
models="detectgpt-models/src/main/resources/org/detectgpt/models"
./detectgpt fit-ensemble --model "$models/detectgpt-en" --limit 60 --threads 2 \
  --dataset "$eval_dir"/fast-detect-gpt-open/train/*.json "$eval_dir"/hc3-plus/en/train/*.jsonl \
            "$eval_dir"/mixset/pure/train/*.json \
  --out "$models/detectgpt-en/detectgpt-ensemble.json"
./detectgpt fit-ensemble --model "$models/detectgpt-zh" --limit 400 --threads 2 \
  --dataset "$eval_dir"/hc3-plus/zh/train/*.jsonl \
  --out "$models/detectgpt-zh/detectgpt-ensemble.json"
