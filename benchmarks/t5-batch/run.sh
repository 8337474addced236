#!/usr/bin/env bash
# Sizes the T5 filler's batch on random T5s of t5-small's and t5-base's shapes (no real T5 can be
# fetched here; the cost does not depend on the weights' values): seconds per perturbation of the
# 500-word essay by batch size, as ratios to batch 1 in the same run (T5BatchSizing); batch 1 runs
# again last, to tell warm-up from batching.
# Usage: benchmarks/t5-batch/run.sh   (from the repository root, after mvn -DskipTests install and mvn -Pbench -pl benchmarks -DskipTests package)
# Env: N_SMALL (default 16) and N_BASE (4) perturbations; SIZES_SMALL, SIZES_BASE.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/t5-random
for kind in small base; do
  [[ -f $out/$kind/model.safetensors ]] || python3 benchmarks/t5-batch/make-t5.py "$kind" "$out/$kind"
done
java -Xmx12g --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.detectgpt.bench.T5BatchSizing "$out/small" \
  "${N_SMALL:-16}" ${SIZES_SMALL:-1 2 4 8 16 1}
java -Xmx12g --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.detectgpt.bench.T5BatchSizing "$out/base" \
  "${N_BASE:-4}" ${SIZES_BASE:-1 4 1}
