#!/usr/bin/env bash
# Java PairFeatures against train-pair.py's pair_features on the bundled pair (CPU, PyTorch):
# 8 texts of train-modern validation (6 drawn with seed 1, the shortest and the longest); Java
# tokenizes and scores, PyTorch rescores Java's token ids. Printed: the largest difference per
# feature. Measured 2026-11-30: max 4.9e-6. Usage (after a build): detectgpt-models/pair/check-java/run.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
mkdir -p build/paircheck
python3 - <<'PY'
import json, random
rows = [json.loads(l) for l in open('../shared/data/train-modern/validation/detectrl-multi-llm.jsonl')]
random.seed(1); pick = random.sample(rows, 6)
rows.sort(key=lambda r: len(r['text'])); pick += [rows[0], rows[-1]]
open('build/paircheck/texts.jsonl', 'w').write(''.join(json.dumps({'text': r['text']}) + '\n' for r in pick))
PY
java -cp "detectgpt-cli/target/detectgpt-cli-0.1.0-SNAPSHOT.jar:detectgpt-cli/target/lib/*" \
  detectgpt-models/pair/check-java/PairCheck.java build/paircheck/texts.jsonl build/paircheck/java.tsv
${PYTHON:-python3} detectgpt-models/pair/check-java/check.py
