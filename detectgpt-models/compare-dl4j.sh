#!/usr/bin/env bash
# Compares the English ensemble head's dense logistic regression with a small DL4J MLP over the
# same 27 dense features (and each fused with the sparse n-gram logit), under the head's grouped
# protocol: leave-one-source-out on ../shared/data train/ parts, then validation/ per two-class
# train-modern file. Results and their reading: detectgpt-models/dl4j-comparison.md.
# Usage: detectgpt-models/compare-dl4j.sh [--limit N] [--seed S]   (defaults: 150, 42)
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/compare-dl4j
mkdir -p "$out"
# compile through the reactor (never install) and take the module's runtime classpath
mvn -o -B -q -pl detectgpt-train -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/runtime-cp.txt -Dmdep.includeScope=runtime
cp="detectgpt-train/target/classes:$(cat detectgpt-train/target/runtime-cp.txt)"
# one OpenMP thread: ND4J's thread pool on 27×32 matrices costs several times the work
OMP_NUM_THREADS=1 java -Xmx6g -cp "$cp" org.detectgpt.train.HeadNetworkComparison --data ../shared/data "$@" \
  2> >(tee "$out/log.txt" >&2) | tee "$out/table.md"
