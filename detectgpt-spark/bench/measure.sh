#!/usr/bin/env bash
# Measures the Spark job against `detectgpt scan --threads 2` on the same 1,000 essays, one after the other
# in one run, and the memory the models take. Needs: the CLI and the job jar built
#   mvn -B -pl detectgpt-cli,detectgpt-spark -am package -DskipTests -Pjob-jar
# and ../shared (the essays come from train-modern's validation split). There is no Spark install here:
# spark-submit is Spark's own launcher class (org.apache.spark.deploy.SparkSubmit, what the spark-submit
# script runs) on the classpath of Spark 3.5.9 and its dependencies as Maven Central serves them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${WORK:-$(mktemp -d)}"
jar="$(ls "$root"/detectgpt-spark/target/detectgpt-spark-*-job.jar)"
echo "work folder: $work"

# 1,000 essays of 150-800 words: 500 BiScope machine essays, 500 DetectRL multi-domain texts (human and machine)
mkdir -p "$work/essays" "$work/small"
python3 - "$root/../shared/data/train-modern/validation" "$work/essays" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
n = 0
for f, quota in [('biscope-essay.jsonl', 500), ('detectrl-multi-domain.jsonl', 500)]:
    k = 0
    for line in open(f'{src}/{f}'):
        d = json.loads(line)
        if 150 <= len(d['text'].split()) <= 800 and k < quota:
            open(f"{out}/{n:04d}-{f.split('.')[0]}-{'machine' if d['label'] == 1 else 'human'}.txt", 'w').write(d['text'])
            n += 1
            k += 1
PY
cp $(ls -d "$work"/essays/* | head -20) "$work/small/"

# Spark 3.5.9 as a cluster has it (its own Jackson, Commons, Log4j versions)
mkdir -p "$work/sparkdist"
cat > "$work/sparkdist/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>sparkdist</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.12</artifactId><version>3.5.9</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-mllib_2.12</artifactId><version>3.5.9</version></dependency>
  </dependencies>
</project>
POM
(cd "$work/sparkdist" && mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null)
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
submit() {
  # local mode: the driver is the executor, so its heap is the executor's
  SPARK_LOCAL_IP=127.0.0.1 java "${XMX:--Xmx2g}" $opens -cp "$(cat "$work/sparkdist/cp.txt")" \
    org.apache.spark.deploy.SparkSubmit --master 'local[2]' --conf spark.ui.enabled=false \
    --class org.detectgpt.spark.DetectGptJob "$jar" "$@"
}
timed() { # label, command...: wall seconds of the command
  local label="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > "$work/$label.log" 2>&1 || true
  t1=$(date +%s.%N)
  printf '%s %.1f\n' "$label" "$(echo "$t1 - $t0" | bc)" | tee -a "$work/times.txt"
}
rm -f "$work/times.txt"
timed scan-20 "$root/detectgpt" scan --threads 2 --quiet --jsonl "$work/scan-20.jsonl" "$work/small"
timed scan-1000 "$root/detectgpt" scan --threads 2 --quiet --jsonl "$work/scan-1000.jsonl" "$work/essays"
timed job-20 submit --input "$work/small" --output "$work/job-20"
timed job-1000 submit --input "$work/essays" --output "$work/job-1000"
grep -h '^detectgpt:' "$work"/job-*.log || true
python3 - "$work" <<'PY'
import json, sys, glob
w = sys.argv[1]
t = dict(l.split() for l in open(f'{w}/times.txt'))
t = {k: float(v) for k, v in t.items()}
for tool in ('scan', 'job'):
    total = t[f'{tool}-1000']
    rate = 980 / (total - t[f'{tool}-20'])
    print(f'{tool}: 1,000 essays in {total:.1f} s wall = {1000 / total:.1f} docs/s with start-up; '
          f'{rate:.1f} docs/s past start-up (980 / difference to the 20-essay run)')
scan = {}
for l in open(f'{w}/scan-1000.jsonl'):
    o = json.loads(l); scan[o['sha256']] = o
job = {}
for f in glob.glob(f'{w}/job-1000/jsonl/*/part-*.json'):
    for l in open(f):
        o = json.loads(l); job[o['sha256']] = o
same = sum(1 for k, o in job.items() if k in scan and all(o[f] == scan[k][f] for f in o if f != 'path'))
print(f'rows: scan {len(scan)}, job {len(job)}; identical but for the path: {same}')
PY
XMX=-Xmx2g
java -Xmx2g -cp "$jar:$(cat "$work/sparkdist/cp.txt")" "$here/ModelMemory.java" 2>/dev/null | tail -1
