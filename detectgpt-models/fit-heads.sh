#!/usr/bin/env bash
# Fits the ensemble heads of the bundled models (English, Chinese) on the train/ parts of
# ../shared/data by grouped cross-validation (one source held out at a time), and writes their
# out-of-fold scores for the verdict calibration. fast-detect-gpt-open lends its human texts only
# (its GPT-2-era continuations read like plain student prose and hurt on essays), and one
# generator's file per domain, since every generator's file holds the same human articles.
# Usage: detectgpt-models/fit-heads.sh [en|zh|en-text|en-stats]...
# en: the shipped English head, whose dense block ends with the aligned pair's features, given
# out-of-fold (pair/oof.sh trained one pair per held-out group on a GPU: pair/README.md);
# en-text: the same head without them (the default until 2026-12-01), for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
S=../shared/data
out=build/heads
langs=("${@:-en zh}")
for lang in ${langs[@]}; do
  mkdir -p "$out/$lang"
  if [[ $lang == en-stats ]]; then
    tm=$(ls $S/train-modern/train/*.jsonl | grep -v -e glimpse-zh -e imbd-zh)
    for stats in "" --model-statistics; do
      ./detectgpt fit-ensemble --language en --threads 2 --limit 60 $stats \
        --dataset $tm $S/eval/hc3-plus/en/train/val_hc3_si.jsonl $S/eval/mixset/train/Mixset_test.json \
        --human-only $S/eval/fast-detect-gpt-open/train/{xsum,squad,writing}_gpt2-xl.raw_data.json \
        --out "$out/$lang/ensemble${stats}.json" 2> "$out/$lang/fit${stats}.log"
    done
  elif [[ $lang == en || $lang == en-text ]]; then
    pair=()
    [[ $lang == en ]] && pair=(--pair-features detectgpt-models/pair/results/oof-pair-features.tsv.gz)
    tm=$(ls $S/train-modern/train/*.jsonl | grep -v -e glimpse-zh -e imbd-zh)
    ./detectgpt fit-ensemble --language en --threads 2 "${pair[@]}" \
      --dataset $tm $S/eval/hc3-plus/en/train/val_hc3_si.jsonl $S/eval/mixset/train/Mixset_test.json \
      --human-only $S/eval/fast-detect-gpt-open/train/{xsum,squad,writing}_gpt2-xl.raw_data.json \
      --out "$out/$lang/detectgpt-ensemble.json" --scores "$out/$lang/oof-scores.json" 2> "$out/$lang/fit.log"
  else
    ./detectgpt fit-ensemble --language zh --threads 1 \
      --dataset $S/train-modern/train/glimpse-zh.jsonl $S/train-modern/train/imbd-zh-polish.jsonl \
        $S/eval/hc3-plus/zh/train/val_hc3_QA.jsonl $S/eval/hc3-plus/zh/train/val_hc3_si.jsonl \
      --out "$out/zh/detectgpt-ensemble.json" --scores "$out/zh/oof-scores.json" 2> "$out/zh/fit.log"
  fi
done
