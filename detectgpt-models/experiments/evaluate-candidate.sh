#!/usr/bin/env bash
# Measures a candidate English head the way the shipped one is measured: DIR holds the
# detectgpt-ensemble.{json,head} and oof-scores.json that fit-ensemble wrote. It builds a copy of
# the bundled detectgpt-en folder holding that head, calibrates it from its out-of-fold scores
# (--source-fpr 0.03, as shipped), and evaluates it on the validation/ parts with --verdicts.
# Writes DIR/{cal,train-modern-en,dev-en}.txt and prints the summary rows.
# Usage: detectgpt-models/experiments/evaluate-candidate.sh DIR [calibrate options...]
# (from the repository root, after a build)
set -euo pipefail
cd "$(dirname "$0")/../.."
D=$1; shift
C=$D/cand/detectgpt-en; S=../shared/data; tm=$S/train-modern/validation
M=detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-en
rm -rf "$C"; mkdir -p "$C"
cp $M/{config.json,model.safetensors,tokenizer.json} "$C"/
cp "$D"/detectgpt-ensemble.{json,head} "$C"/
./detectgpt calibrate -m "$C" --scores "$D"/oof-scores.json --source-fpr 0.03 "$@" \
  --out "$C"/detectgpt-calibration.json > "$D"/cal.txt 2>&1
./detectgpt eval -m "$C" --calibration "$C"/detectgpt-calibration.json -c ensemble --verdicts --threads 2 \
  $(ls $tm/*.jsonl | grep -v -e glimpse-zh -e imbd-zh) > "$D"/train-modern-en.txt
./detectgpt eval -m "$C" --calibration "$C"/detectgpt-calibration.json -c ensemble --verdicts --threads 2 \
  $S/eval/fast-detect-gpt-open/validation/*.json $S/eval/hc3-plus/en/validation/val_hc3_si.jsonl \
  $S/eval/mixset/validation/Mixset_test.json > "$D"/dev-en.txt
head -1 "$D"/cal.txt
grep -h -e "mean AUROC" -e "val_hc3_si  *ensemble" -e "paraphrase-attacks-human  *[0-9]" "$D"/train-modern-en.txt "$D"/dev-en.txt
awk '/^fast-detect-gpt-open/ && $2 == "ensemble" { s += $5; n++ } END { printf "fast-detect-gpt-open mean AUROC %.4f over %d files\n", s / n, n }' "$D"/dev-en.txt
