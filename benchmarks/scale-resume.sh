#!/usr/bin/env bash
# Scale test of scan --resume (a benchmark command, not a unit test; run it by hand, ~1 h at N=10000):
#  1. N generated documents in nested folders, ~1 % of them bad (empty, binary, cut .docx, unsupported
#     types, a named pipe, a link loop, a broken link);
#  2. one uninterrupted scan as the reference;
#  3. the same scan killed with SIGKILL at KILLS random points, each time continued with --resume,
#     then finished with --resume;
#  4. checks: one CSV row per document, none lost, none duplicated, the same verdict and score as the
#     reference for every path; the JSONL has no torn line and no path twice.
# Prints wall time and peak RSS (GNU time) of the reference run and of the whole interrupted run.
#   N=10000 KILLS=3 THREADS=2 benchmarks/scale-resume.sh [WORKDIR]
set -euo pipefail
N="${N:-10000}"; KILLS="${KILLS:-3}"; THREADS="${THREADS:-2}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dg="$here/detectgpt"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
docs="$work/docs"
rm -rf "$docs" "$work"/*.jsonl "$work"/*.csv "$work"/*.time
echo "work folder: $work; $N documents"

python3 - "$docs" "$N" <<'PY'
import os, random, sys, zipfile, io
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(20261130)
words = ("the a garden school river teacher student morning city library friend window story dog "
         "market summer winter letter music bridge train paper idea question answer problem light "
         "walked found said thought looked wanted began carried opened remembered").split()
def text(k):
    return " ".join(" ".join(rnd.choice(words) for _ in range(12)).capitalize() + "." for _ in range(k))
def bad_file(f, kind):
    if kind == 0:
        open(f + ".txt", "wb").close()                                   # empty
    elif kind == 1:
        open(f + ".txt", "wb").write(os.urandom(2000))                   # binary
    elif kind == 2:
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w") as z:
            z.writestr("word/document.xml", "<x>" + text(20) + "</x>")
        open(f + ".docx", "wb").write(b.getvalue()[: len(b.getvalue()) // 2])   # cut .docx
    elif kind == 3:
        open(f + ".doc", "w").write(text(5))                              # unsupported: skipped
    elif kind == 4:
        os.mkfifo(f + ".txt")                                             # a pipe: skipped, never opened
    else:
        os.symlink("nowhere.txt", f + ".txt")                             # broken link: skipped
bad = 0
for i in range(n):
    d = os.path.join(root, "class-%02d" % (i % 50), "group-%d" % (i % 7))
    os.makedirs(d, exist_ok=True)
    f = os.path.join(d, "essay-%05d" % i)
    if i % 100 == 37 or i < 6:                                            # ~1 %, and each kind at least once
        bad_file(f, i if i < 6 else (i // 100) % 6); bad += 1
    else:
        open(f + (".md" if i % 5 == 0 else ".txt"), "w").write(text(14 + i % 6))
os.symlink("..", os.path.join(root, "class-00", "loop"))                  # a link loop: skipped
print("generated", n, "entries,", bad, "bad")
PY

run() { # run NAME ARGS...: the scan, timed, with its exit status tolerated (3 = some error rows)
  local name="$1"; shift
  /usr/bin/time -v -o "$work/$name.time" "$dg" scan --quiet --threads "$THREADS" "$@" "$docs" \
    > "$work/$name.out" 2> "$work/$name.err" || true
}
peak() { awk -F': ' '/Maximum resident set size/ {print $2 " KB"}' "$1"; }
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$1"; }

t0=$(date +%s)
run reference --jsonl "$work/reference.jsonl" --csv "$work/reference.csv"
echo "reference: wall $(wall "$work/reference.time"), peak RSS $(peak "$work/reference.time")"
ref_secs=$(( $(date +%s) - t0 ))

t0=$(date +%s)
maxrss=0
for k in $(seq 1 "$KILLS"); do
  resume=(); [[ $k -gt 1 ]] && resume=(--resume)
  "$dg" scan --quiet --threads "$THREADS" --jsonl "$work/run.jsonl" "${resume[@]}" "$docs" \
    > /dev/null 2>&1 &
  pid=$!
  # a random point between 20 % and 70 % of the reference run's length (JVM start and model load included)
  sleep "$(python3 -c "import random; print(round(random.uniform(0.2, 0.7) * $ref_secs, 1))")"
  jpid=$(pgrep -P "$pid" java || echo "$pid")
  kill -9 "$jpid" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  lines=0; [[ -f "$work/run.jsonl" ]] && lines=$(wc -l < "$work/run.jsonl")
  echo "kill $k: $lines JSONL lines so far"
done
run final --jsonl "$work/run.jsonl" --resume --csv "$work/final.csv"
echo "interrupted run: $(( $(date +%s) - t0 )) s in all; final resume: wall $(wall "$work/final.time"), peak RSS $(peak "$work/final.time")"

python3 - "$work" <<'PY'
import csv, json, sys, os
w = sys.argv[1]
def rows(name):
    with open(os.path.join(w, name), encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))
ref, fin = rows("reference.csv"), rows("final.csv")
rp = [r["path"] for r in ref]; fp = [r["path"] for r in fin]
problems = []
if len(set(fp)) != len(fp): problems.append("duplicated rows: %d" % (len(fp) - len(set(fp))))
if set(fp) != set(rp): problems.append("lost %d, extra %d" % (len(set(rp) - set(fp)), len(set(fp) - set(rp))))
rv = {r["path"]: (r["verdict"], r["score"]) for r in ref}
diff = [r["path"] for r in fin if rv.get(r["path"]) != (r["verdict"], r["score"])]
if diff: problems.append("%d verdicts or scores differ, e.g. %s" % (len(diff), diff[:3]))
lines = open(os.path.join(w, "run.jsonl"), encoding="utf-8").read().splitlines()
paths = [json.loads(l)["path"] for l in lines]          # a torn line would fail here
if len(set(paths)) != len(paths): problems.append("JSONL has a path twice")
print("reference rows %d, final rows %d, JSONL lines %d" % (len(rp), len(fp), len(lines)))
print("OK: one row per document, none lost, none duplicated, same verdicts" if not problems
      else "FAILED: " + "; ".join(problems))
sys.exit(1 if problems else 0)
PY
