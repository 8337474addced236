"""fast-detect-gpt-open's train/ files as one JSONL of the fit-ensemble format: every human article
once and every generator's continuation, whitespace collapsed, exact duplicates dropped.
Usage: python3 fdgo-jsonl.py TRAIN_FOLDER OUT.jsonl"""
import glob, json, os, re, sys

seen, counts = set(), [0, 0]
with open(sys.argv[2], "w") as out:
    for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.raw_data.json"))):
        domain, generator = os.path.basename(f).split(".raw_data")[0].split("_", 1)
        d = json.load(open(f))
        for label, key in ((0, "original"), (1, "sampled")):
            for t in d[key]:
                t = re.sub(r"\s+", " ", t).strip()
                if t and t not in seen:
                    seen.add(t)
                    counts[label] += 1
                    out.write(json.dumps({"text": t, "label": label, "source": "fast-detect-gpt-open",
                                          "generator": generator if label else "human", "domain": domain}) + "\n")
print(f"{sys.argv[2]}: {counts[0]} human, {counts[1]} machine texts")
