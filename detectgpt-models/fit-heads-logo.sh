#!/usr/bin/env bash
# Leave-one-generator-out table of the English head: each machine generator (families merged:
# ChatGPT = GPT-3.5) is held out in turn with a share of the human texts, at the λ the shipped
# fit chose (5e-5 sparse, 0.01 dense), on the English training mix at most 400 texts of each label
# per file (fitting all 54,000 texts 20 times over is hours on 2 cores).
# Usage: detectgpt-models/fit-heads-logo.sh   (from the repository root, after a build)
set -euo pipefail
cd "$(dirname "$0")/.."
S=../shared/data
out=build/heads/en-logo
mkdir -p "$out"
tm=$(ls $S/train-modern/train/*.jsonl | grep -v -e glimpse-zh -e imbd-zh)
./detectgpt fit-ensemble --language en --threads 2 --limit 400 --group-by generator --lambdas 5e-5,0.01 \
  --dataset $tm $S/eval/hc3-plus/en/train/val_hc3_si.jsonl $S/eval/mixset/train/Mixset_test.json \
  --human-only $S/eval/fast-detect-gpt-open/train/{xsum,squad,writing}_gpt2-xl.raw_data.json \
  --out "$out/ensemble.json" 2> "$out/fit.log"
