#!/usr/bin/env python3
"""Packs the English training mix and the validation sets for train-pair.py into .pair/.

The mix is the ensemble head's (detectgpt-models/fit-heads.sh en): train-modern/train (English
files), HC3-Plus en train, MixSet train (binary labels), and fast-detect-gpt-open train's HUMAN
texts only. Validation: train-modern/validation (English), HC3-Plus en, MixSet, and
fast-detect-gpt-open validation. Whitespace collapsed as `eval` does. Texts are cut to MAX_CHARS
for training (the model's context is 256 tokens; the cut bounds what travels to the GPU machine).
Output: .pair/train.jsonl.xz and .pair/valid.jsonl.xz, lines {"f": file, "y": 0|1, "t": text}.
"""
import glob, json, lzma, os, re, sys

S = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'
OUT = '.pair'
MAX_CHARS = 4000
WS = re.compile(r'\s+')


def clean(t):
    return WS.sub(' ', t).strip()


def read(path):
    """(label, text) pairs the way DatasetReader labels them (1 = machine)."""
    if path.endswith('.jsonl'):
        for line in open(path, encoding='utf-8'):
            if line.strip():
                d = json.loads(line)
                yield int(d['label']), d['text']
        return
    d = json.load(open(path, encoding='utf-8'))
    if isinstance(d, dict):  # fast-detect-gpt raw_data
        for t in d.get('original', []):
            yield 0, t
        for t in d.get('sampled', []):
            yield 1, t
        return
    for item in d:  # MixSet binary test file
        yield (0 if item['binary'].strip().upper() == 'HWT' else 1), item['revised']


def english(path):
    return 'glimpse-zh' not in path and 'imbd-zh' not in path


def pack(name, files, keep=lambda f, y: True, cut=None):
    n = [0, 0]
    with lzma.open(os.path.join(OUT, name), 'wt', encoding='utf-8', preset=6) as out:
        for f in files:
            rel = os.path.relpath(f, S)
            for y, t in read(f):
                t = clean(t)
                if not t or not keep(f, y):
                    continue
                if cut:
                    t = t[:cut]
                out.write(json.dumps({'f': rel, 'y': y, 't': t}, ensure_ascii=False) + '\n')
                n[y] += 1
    print(name, 'human', n[0], 'machine', n[1], os.path.getsize(os.path.join(OUT, name)), 'bytes')


os.makedirs(OUT, exist_ok=True)
tm = [f for f in sorted(glob.glob(f'{S}/train-modern/train/*.jsonl')) if english(f)]
fd_human = [f'{S}/eval/fast-detect-gpt-open/train/{d}_gpt2-xl.raw_data.json' for d in ('xsum', 'squad', 'writing')]
pack('train.jsonl.xz', tm + [f'{S}/eval/hc3-plus/en/train/val_hc3_si.jsonl', f'{S}/eval/mixset/train/Mixset_test.json'] + fd_human,
     keep=lambda f, y: not ('fast-detect-gpt-open' in f and y == 1), cut=MAX_CHARS)
tv = [f for f in sorted(glob.glob(f'{S}/train-modern/validation/*.jsonl')) if english(f)]
pack('valid.jsonl.xz', tv + [f'{S}/eval/hc3-plus/en/validation/val_hc3_si.jsonl', f'{S}/eval/mixset/validation/Mixset_test.json']
     + sorted(glob.glob(f'{S}/eval/fast-detect-gpt-open/validation/*.json')), cut=MAX_CHARS)
