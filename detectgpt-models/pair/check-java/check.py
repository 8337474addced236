"""Rescores Java's token ids (build/paircheck/java.tsv) with train-pair.py's forward and
pair_features on the bundled pair, and prints the largest difference per feature."""
import importlib.util
import json
import os

import numpy as np

os.environ['OUT'] = 'build/paircheck/py'
spec = importlib.util.spec_from_file_location('tp', 'detectgpt-models/pair/train-pair.py')
tp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tp)
R = 'detectgpt-models/src/main/resources/org/detectgpt/models/'
M, _ = tp.read_safetensors(R + 'detectgpt-en/model.safetensors')
H, _ = tp.read_safetensors(R + 'detectgpt-en-human/model.safetensors')
cos, sin = tp.rope_tables(tp.dev)
rows = [line.rstrip('\n').split('\t') for line in open('build/paircheck/java.tsv')]
ids = [json.loads(r[0]) for r in rows]
java = np.array([json.loads(r[1]) for r in rows])
py = np.array([tp.pair_features(st) for st in tp.score({'M': M, 'H': H}, ids, cos, sin)])
d = np.abs(py - java)
print('tokens', [len(x) for x in ids])
print('max |python - java| per feature', dict(zip(tp.PAIR_FEATURES, d.max(0).round(9))))
print('max', d.max())
