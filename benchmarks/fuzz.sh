#!/usr/bin/env bash
# Long fuzzing of the file readers (Jazzer, coverage-guided): each ParserFuzzTest method (core) and
# DocumentFuzzTest#document (detectgpt-document) in turn, one JVM each (Jazzer fuzzes one method per
# run), for the method's maxDuration (10 minutes).
#   benchmarks/fuzz.sh                      # all seven readers, ~75 min
#   benchmarks/fuzz.sh document dataset     # some of them
# A finding is saved as crash-* under MODULE/src/test/resources/org/detectgpt/fuzz/CLASSInputs/METHOD/
# (commit it: the default build replays it; a run stopped from outside leaves one for the input in
# flight, which replays cleanly); the corpus grows in MODULE/.cifuzz-corpus/.
# The libFuzzer status lines (exec/s, cov) go to build/fuzz/METHOD.log.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(safetensors config tokenizerJson llama2cCheckpoint llama2cTokenizer document dataset)
mkdir -p build/fuzz
for t in "${targets[@]}"; do
  echo "== $t"
  module=detectgpt-core
  [[ "$t" == document ]] && module=detectgpt-document
  # -am builds the module's reactor dependencies; -Dtest limits their tests to the one fuzzed
  if mvn -B -o -Pfuzz test -pl "$module" -am -Dfuzz.target="$t" -Dsurefire.failIfNoSpecifiedTests=false \
      > "build/fuzz/$t.log" 2>&1; then
    echo "   no finding"
  else
    echo "   FAILED: see build/fuzz/$t.log and the new file in the inputs folder"
  fi
  grep -E '^#[0-9]+' "build/fuzz/$t.log" | tail -n 1 || true
done
