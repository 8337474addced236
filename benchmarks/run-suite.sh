#!/usr/bin/env bash
# Runs the whole JMH suite with short settings (about 40 minutes on 2 cores, 16 of them DetectGPT
# at 100 perturbations) and writes one JSON
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
jmh PerturbationBenchmark -wi 1 -i 2 -p perturbations=10
mv "$out/PerturbationBenchmark.json" "$out/PerturbationBenchmark-10.json"
# one shot each: 100 perturbations take ~9 min an essay with the built-in filler
jmh PerturbationBenchmark -wi 0 -i 1 -p perturbations=100
mv "$out/PerturbationBenchmark.json" "$out/PerturbationBenchmark-100.json"
jmh ExtractionBenchmark
jmh MatmulBenchmark
