"""Prints the model-card tables from `detectgpt eval --json` outputs."""
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
