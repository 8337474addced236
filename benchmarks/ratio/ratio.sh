#!/usr/bin/env bash
# DetectGPT@10 and @100 (built-in filler) against Fast-DetectGPT on a 500-word essay, before
# (BASE, default 13a530a: no key/value cache) and after (this checkout, built with
# `mvn -q -B -o -DskipTests package`), each as a same-run ratio. Run from the repository root.
# The base is built from `git archive` in a temporary folder (nothing installed).
set -euo pipefail
base="${BASE:-13a530a}"
tmp="$(mktemp -d)"
git archive "$base" | tar -x -C "$tmp"
(cd "$tmp" && mvn -q -B -o -DskipTests package -pl detectgpt-cli -am)
run() { java -Xmx6g -cp "$1/detectgpt-cli/target/lib/*" benchmarks/ratio/DetectGptRatio.java "${@:2}" 2>&1 | grep -v SLF4J; }
run "$tmp" before 10 10
run . after 10 10
run . after 100
run "$tmp" before 100
