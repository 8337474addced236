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
python3 - "$out/en.json" "$out/zh.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    d = json.load(open(path))
    rows, crits = {}, []
    for r in d["datasets"]:
        rows.setdefault(r["name"], {})[r["criterion"]] = r
        if r["criterion"] not in crits:
            crits.append(r["criterion"])
    print(f"\n### {d['model']['name']} — AUROC (TPR at 1% FPR in brackets), validation/, whitespace collapsed\n")
    print("| data set | n (h/m) | " + " | ".join(crits) + " |")
    print("|---|---|" + "---|" * len(crits))
    for name, by in rows.items():
        any_r = next(iter(by.values()))
        cells = [f"{by[c]['auroc']:.3f} ({by[c]['tpr_at_1pct_fpr']:.2f})" for c in crits]
        print(f"| {name.split('/')[-1]} | {any_r['n_human']}/{any_r['n_machine']} | " + " | ".join(cells) + " |")
    fdg = [n for n in rows if n.startswith("fast-detect-gpt-open")]
    if fdg:
        means = [sum(rows[n][c]["auroc"] for n in fdg) / len(fdg) for c in crits]
        tprs = [sum(rows[n][c]["tpr_at_1pct_fpr"] for n in fdg) / len(fdg) for c in crits]
        print("| **mean fast-detect-gpt-open** | | " + " | ".join(f"**{m:.3f}** ({t:.2f})" for m, t in zip(means, tprs)) + " |")
PY
