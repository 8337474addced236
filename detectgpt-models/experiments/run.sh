#!/usr/bin/env bash
# The head variants measured against the shipped heads on 2026-12-01 (README.md here has the
# table). Each writes build/experiments/NAME/ and prints its summary. Usage, from the repository
# root after a build: detectgpt-models/experiments/run.sh [fdgo|balance|hc3-only|zh-stats|zh-ngrams]...
#   fdgo      the English recipe plus fast-detect-gpt-open train's GPT-2-era machine texts
#   balance   group-balanced sample weights, n_cell^-p for p = 1 and 0.5   (patched build)
#   hc3-only  a head fitted on HC3-Plus en train alone (3 random groups): the in-domain ceiling
#   zh-stats  the Chinese recipe plus detectgpt-zh's per-text statistics
#   zh-ngrams the Chinese recipe with other distortions: kept chars, 2^bits, order  (patched build)
# "patched build": head-variants.patch applied to a worktree of HEAD in build/experiments/src.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD; S=$root/../shared/data; out=$root/build/experiments; here=detectgpt-models/experiments
mkdir -p "$out"
tm=$(ls $S/train-modern/train/*.jsonl | grep -v -e glimpse-zh -e imbd-zh)
en_recipe=(--dataset $tm $S/eval/hc3-plus/en/train/val_hc3_si.jsonl $S/eval/mixset/train/Mixset_test.json)
fdgo_humans=(--human-only $S/eval/fast-detect-gpt-open/train/{xsum,squad,writing}_gpt2-xl.raw_data.json)
zh_recipe=(--dataset $S/train-modern/train/glimpse-zh.jsonl $S/train-modern/train/imbd-zh-polish.jsonl
  $S/eval/hc3-plus/zh/train/val_hc3_QA.jsonl $S/eval/hc3-plus/zh/train/val_hc3_si.jsonl)

patched() { # builds the patched tree once; prints its launcher
  local src=$out/src
  if [[ ! -f $src/detectgpt-cli/target/detectgpt-cli-0.1.0-SNAPSHOT.jar ]]; then
    rm -rf "$src"; git worktree prune
    git worktree add -q --detach "$src" HEAD
    git -C "$src" apply "$root/$here/head-variants.patch"
    (cd "$src" && mvn -q -B -o -DskipTests package >&2)
  fi
  echo "$src/detectgpt"
}

zh_eval() { # DIR: the Chinese validation files on a copy of detectgpt-zh holding DIR's head
  local c=$1/cand/detectgpt-zh m=detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-zh
  rm -rf "$c"; mkdir -p "$c"
  cp $m/{config.json,model.safetensors,tokenizer.json,detectgpt-calibration.json} "$c"/
  cp "$1"/detectgpt-ensemble.{json,head} "$c"/
  ./detectgpt eval -m "$c" -c ensemble --threads 2 $S/train-modern/validation/{glimpse-zh,imbd-zh-polish}.jsonl \
    $S/eval/hc3-plus/zh/validation/val_hc3_{QA,si}.jsonl | tee "$1"/zh.txt | tail -5
}

for what in "${@:-fdgo balance hc3-only zh-stats zh-ngrams}"; do
  for w in $what; do
    case $w in
      fdgo)
        d=$out/fdgo; mkdir -p "$d"
        python3 $here/fdgo-jsonl.py $S/eval/fast-detect-gpt-open/train "$d"/fdgo-train.jsonl
        ./detectgpt fit-ensemble --language en --threads 2 "${en_recipe[@]}" "$d"/fdgo-train.jsonl \
          --out "$d"/detectgpt-ensemble.json --scores "$d"/oof-scores.json 2> "$d"/fit.log >/dev/null
        tail -1 "$d"/fit.log
        $here/evaluate-candidate.sh "$d" ;;
      balance)
        launcher=$(patched)
        for p in 1 0.5; do
          d=$out/balance-$p; mkdir -p "$d"
          JAVA_OPTS="-Xmx8g -Ddetectgpt.exp.balance=$p" $launcher fit-ensemble --language en --threads 2 \
            "${en_recipe[@]}" "${fdgo_humans[@]}" --out "$d"/detectgpt-ensemble.json --scores "$d"/oof-scores.json \
            2> "$d"/fit.log >/dev/null
          tail -1 "$d"/fit.log
          $here/evaluate-candidate.sh "$d" --machine-dataset $S/eval/fast-detect-gpt-open/train/*.raw_data.json
        done ;;
      hc3-only)
        d=$out/hc3-only; mkdir -p "$d"
        python3 -c 'import json,random,sys
random.seed(7)
with open(sys.argv[2], "w") as o:
    for l in open(sys.argv[1]):
        x = json.loads(l); x["source"] = "hc3-part-" + random.choice("ABC"); o.write(json.dumps(x) + "\n")' \
          $S/eval/hc3-plus/en/train/val_hc3_si.jsonl "$d"/hc3-3groups.jsonl
        ./detectgpt fit-ensemble --language en --threads 2 --dataset "$d"/hc3-3groups.jsonl \
          --out "$d"/detectgpt-ensemble.json --scores "$d"/oof-scores.json 2> "$d"/fit.log >/dev/null
        tail -1 "$d"/fit.log
        $here/evaluate-candidate.sh "$d" >/dev/null # only its AUROC on HC3-Plus matters here
        grep -h "val_hc3_si  *ensemble" "$d"/dev-en.txt ;;
      zh-stats)
        d=$out/zh-stats; mkdir -p "$d"
        ./detectgpt fit-ensemble --language zh --threads 2 --model-statistics -m detectgpt-zh "${zh_recipe[@]}" \
          --out "$d"/detectgpt-ensemble.json 2> "$d"/fit.log >/dev/null
        tail -1 "$d"/fit.log
        zh_eval "$d" ;;
      zh-ngrams)
        launcher=$(patched)
        for cfg in 1000,18,3 3000,18,3 3000,20,4 6000,20,3 1000,20,4; do
          d=$out/zh-ngrams-$cfg; mkdir -p "$d"
          JAVA_OPTS="-Xmx8g -Ddetectgpt.exp.ngrams=$cfg" $launcher fit-ensemble --language zh --threads 2 \
            "${zh_recipe[@]}" --out "$d"/detectgpt-ensemble.json 2> "$d"/fit.log >/dev/null
          echo "$cfg: $(tail -1 "$d"/fit.log)"
        done ;;
      *) echo "unknown experiment: $w" >&2; exit 2 ;;
    esac
  done
done
