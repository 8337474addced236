#!/usr/bin/env bash
# Issue 11's same-run measurements on this checkout (org.detectgpt.bench.DetectGptRatio says what each line is):
# the fast path's GFLOP/s against the sgemm ceiling, then DetectGPT (built-in filler) against
# Fast-DetectGPT on a 500-word essay for each N[:K] argument (N perturbations, K candidates).
#   mvn -q -B -o -DskipTests install && mvn -q -B -o -Pbench -pl benchmarks -DskipTests package
#   benchmarks/ratio/ratio.sh                                              # 10:4 10 100:4 100
#   benchmarks/ratio/ratio.sh 10                                           # a quick look
# Before/after tables of earlier builds: benchmarks/README.md (git history of this script).
set -euo pipefail
cd "$(dirname "$0")/../.."
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(10:4 10 100:4 100)
java -Xmx6g --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.detectgpt.bench.DetectGptRatio \
  "$(git rev-parse --short HEAD)" "${args[@]}" 2>&1 | grep -v -e SLF4J -e "incubator modules"
