#!/usr/bin/env bash
# Runs the whole JMH suite with short settings (about 15 minutes on 2 cores) and writes one JSON
# result file per benchmark class under build/bench/ (JMH's -rf json), plus the text logs.
#   benchmarks/run-suite.sh             # builds benchmarks/target/benchmarks.jar first
#   SKIP_BUILD=1 benchmarks/run-suite.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/bench
mkdir -p "$out"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f benchmarks/target/benchmarks.jar ]; then
  mvn -q -B -Pbench -DskipTests package -pl benchmarks -am
fi
jmh() { local name=$1; shift; java -jar benchmarks/target/benchmarks.jar "$name" -rf json -rff "$out/$name.json" "$@" \
  2>&1 | tee "$out/$name.log" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' ; }
jmh ScoringBenchmark -wi 1 -w 2 -i 3 -r 2
jmh CriterionBenchmark
jmh PerturbationBenchmark -wi 1 -i 2 -p filler=causal
# the tiny random T5 fixture never writes the sentinels a real T5 writes, so every fill is retried:
# 10 perturbations take ~30 s; 100 would measure the retry loop for minutes
mv "$out/PerturbationBenchmark.json" "$out/PerturbationBenchmark-causal.json"
jmh PerturbationBenchmark -wi 1 -i 2 -p filler=t5 -p perturbations=10
jmh ExtractionBenchmark
jmh MatmulBenchmark
