#!/usr/bin/env python3
"""Compares the race's two outputs and prints the agreement check and the speed ratio.

    compare.py WORK_DIR

WORK_DIR holds pytorch.jsonl / detectgpt.jsonl (one JSON line per batch size) and pytorch.bin /
detectgpt.bin (float64 [8][511][5]: logprob, rank, entropy, mu, sigma^2). Both engines compute in
float32 with different summation orders, so agreement is judged with stated tolerances: absolute
1e-3 nats on log p, entropy and mu, relative 1e-3 on sigma^2, and ranks within 2 places (the
order of logits that tie within float32 rounding differs between the two matmuls; the ranks of
random ids sit in the dense middle of the distribution). Exit status 1 on a disagreement.
"""
import json
import sys
from pathlib import Path

import numpy as np

work = Path(sys.argv[1])
a = np.fromfile(work / "pytorch.bin", dtype="<f8").reshape(-1, 5)
b = np.fromfile(work / "detectgpt.bin", dtype="<f8").reshape(-1, 5)
ok = a.shape == b.shape
print(f"agreement over {a.shape[0]} positions (8 x 511):")
if ok:
    for col, name, tol in ((0, "log p", 1e-3), (2, "entropy", 1e-3), (3, "mu", 1e-3)):
        d = np.abs(a[:, col] - b[:, col]).max()
        ok &= d <= tol
        print(f"  {name:8s} max |diff| = {d:.2e}  (tolerance {tol:g})  {'ok' if d <= tol else 'FAIL'}")
    rel = (np.abs(a[:, 4] - b[:, 4]) / np.maximum(np.abs(a[:, 4]), 1e-6)).max()
    ok &= rel <= 1e-3
    print(f"  sigma^2  max relative diff = {rel:.2e}  (tolerance 1e-3)  {'ok' if rel <= 1e-3 else 'FAIL'}")
    dr = np.abs(a[:, 1] - b[:, 1])
    ok &= dr.max() <= 2
    print(f"  rank     max |diff| = {dr.max():.0f} places, at {np.mean(dr > 0):.2%} of positions  (tolerance 2 places: "
          f"logits that tie within float32 rounding)  {'ok' if dr.max() <= 2 else 'FAIL'}")
    print(f"  (spread of the statistics: log p mean {a[:, 0].mean():.2f}, entropy mean {a[:, 2].mean():.2f} nats)")
else:
    print(f"  shapes differ: pytorch {a.shape}, detectgpt {b.shape}  FAIL")

rows = {}
for engine in ("pytorch", "detectgpt"):
    for line in (work / f"{engine}.jsonl").read_text().splitlines():
        r = json.loads(line)
        rows[(engine, r["mode"])] = r
print()
print("| batch | PyTorch tokens/s | detectgpt tokens/s | detectgpt / PyTorch |")
print("|---|---|---|---|")
for mode in ("batch1", "batch8"):
    p, d = rows[("pytorch", mode)], rows[("detectgpt", mode)]
    print(f"| {mode[5:]} x {p['tokens'] // int(mode[5:])} | {p['tokens_per_s']:,.0f} | {d['tokens_per_s']:,.0f} "
          f"| {d['tokens_per_s'] / p['tokens_per_s']:.2f} |")
sys.exit(0 if ok else 1)
