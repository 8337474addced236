#!/usr/bin/env python3
"""Prints markdown tables from the JMH JSON results of benchmarks/run-suite.sh (build/bench/*.json).

Adds the derived columns the README reports: tokens/s for ScoringBenchmark (length / time),
documents/s for CriterionBenchmark and PerturbationBenchmark (1 / time), GFLOP/s for
MatmulBenchmark (2 rows in out / time).
"""
import glob
import json
import sys

out_dir = sys.argv[1] if len(sys.argv) > 1 else "build/bench"
for path in sorted(glob.glob(f"{out_dir}/*.json")):
    rows = json.load(open(path))
    if not rows:
        continue
    name = rows[0]["benchmark"].split(".")[-2]
    print(f"\n#### {name}\n")
    params = list(rows[0].get("params", {}))
    extra = {"ScoringBenchmark": "tokens/s", "CriterionBenchmark": "documents/s",
             "PerturbationBenchmark": "documents/s", "MatmulBenchmark": "GFLOP/s"}.get(name)
    print("| benchmark | " + " | ".join(params) + " | score | ± | unit |" + (f" {extra} |" if extra else ""))
    print("|---|" + "---|" * len(params) + "---|---|---|" + ("---|" if extra else ""))
    for r in rows:
        m = r["primaryMetric"]
        p = r.get("params", {})
        score, unit = m["score"], m["scoreUnit"]
        err = m.get("scoreError")
        err = f"{err:.3g}" if isinstance(err, (int, float)) and err == err else ""
        secs = score / {"ms/op": 1e3, "us/op": 1e6, "s/op": 1}[unit]
        cell = ""
        if name == "ScoringBenchmark":
            cell = f" {int(p['length']) / secs:,.0f} |"
        elif name in ("CriterionBenchmark", "PerturbationBenchmark"):
            cell = f" {1 / secs:.3g} |"
        elif name == "MatmulBenchmark":
            a, b, c = map(int, p["shape"].split("x"))
            cell = f" {2 * a * b * c / secs / 1e9:.1f} |"
        print(f"| {r['benchmark'].split('.')[-1]} | " + " | ".join(p[k] for k in params)
              + f" | {score:.4g} | {err} | {unit} |" + cell)
