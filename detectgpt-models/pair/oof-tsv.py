#!/usr/bin/env python3
"""Turns oof.sh's output (features by line of .pair/train.jsonl.xz) into the table
'fit-ensemble --pair-features' reads: gzip TSV, header 'key' + feature names, one line per text,
key = SHA-1 hex of the text as prep.py wrote it (whitespace collapsed, cut to 4,000 code points).
Usage: python3 detectgpt-models/pair/oof-tsv.py OOF.json.xz OUT.tsv.gz"""
import gzip, hashlib, json, lzma, sys

src, dst = sys.argv[1], sys.argv[2]
with lzma.open('.pair/train.jsonl.xz', 'rt', encoding='utf-8') as f:
    texts = [json.loads(line)['t'] for line in f]
d = json.load(lzma.open(src, 'rt'))
n = 0
with gzip.open(dst, 'wt', encoding='utf-8', compresslevel=9) as out:
    out.write('\t'.join(['key'] + d['names']) + '\n')
    for fold in d['folds']:
        for i, x in zip(fold['idx'], fold['x']):
            out.write(hashlib.sha1(texts[i].encode('utf-8')).hexdigest() + '\t'
                      + '\t'.join(repr(round(v, 7)) for v in x) + '\n')
            n += 1
print(dst, n, 'texts from', len(d['folds']), 'folds')
