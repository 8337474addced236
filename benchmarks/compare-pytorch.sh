#!/usr/bin/env bash
# The race against PyTorch, in one run: Fast-DetectGPT's per-token statistics of the same random
# ~58 M-parameter Llama checkpoint (Hugging Face layout, 32k vocabulary) for the same token ids,
# batch 1 and batch 8 of 512 tokens, in PyTorch (benchmarks/pytorch/fast_stats.py) and in
# detectgpt (org.detectgpt.bench.TorchRace), same thread count; agreement check, tokens/s medians
# and the ratio detectgpt / PyTorch.
#
#   benchmarks/compare-pytorch.sh            # THREADS (default: all cores), RUNS (default 5)
#   SKIP_BUILD=1 benchmarks/compare-pytorch.sh   # reuse benchmarks/target/benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}  # Debian's python: python3-torch is installed for it
THREADS=${THREADS:-$(nproc)}
RUNS=${RUNS:-5}
WORK=${WORK:-build/race}
mkdir -p "$WORK"

blas() { readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo none; }
# Debian's torch takes its BLAS from libblas.so.3: without OpenBLAS that is the reference BLAS,
# ~15x slower (23 tokens/s at batch 1 measured), so the race would mean nothing
if ! "$PY" -c 'import torch, numpy' 2>/dev/null || [[ "$(blas)" != *openblas* ]]; then
  echo "installing Debian's python3-torch and OpenBLAS ..."
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch python3-numpy libopenblas0-pthread >/dev/null
fi
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f benchmarks/target/benchmarks.jar ]; then
  echo "building benchmarks/target/benchmarks.jar ..."
  mvn -q -B -Pbench -DskipTests package -pl benchmarks -am
fi

"$PY" benchmarks/pytorch/make_checkpoint.py "$WORK/llama-58m" \
  detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-en/tokenizer.json
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); threads $THREADS; $RUNS runs"
echo "BLAS: PyTorch $("$PY" -c 'import torch; print(torch.__version__)') through $(blas);" \
  "detectgpt through ND4J's own $(basename "$(ls ~/.m2/repository/org/bytedeco/openblas/*/openblas-*-linux-x86_64.jar | head -n1)" .jar)"
export OMP_NUM_THREADS=$THREADS
"$PY" benchmarks/pytorch/fast_stats.py "$WORK/llama-58m" --threads "$THREADS" --runs "$RUNS" \
  --out "$WORK/pytorch.bin" | tee "$WORK/pytorch.jsonl"
java -Xmx8g --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.detectgpt.bench.TorchRace "$WORK/llama-58m" "$RUNS" \
  "$WORK/detectgpt.bin" | tee "$WORK/detectgpt.jsonl"
"$PY" benchmarks/pytorch/compare.py "$WORK"
