#!/usr/bin/env python3
"""Writes the demo samples of examples/ from ../shared/data (run from the repository root).

Each sample is the FIRST text of a validation file that meets the stated rule, so nobody chose
texts by how the detector scores them. Provenance and licences: examples/README.md.
"""
import html
import json
import zipfile

S = '../shared/data'


def first(path, rule):
    with open(path, encoding='utf-8') as f:
        if path.endswith('.jsonl'):
            for line in f:
                d = json.loads(line)
                if rule(d):
                    return d
        else:
            for t in json.load(f)['original']:
                if rule({'text': t, 'label': 0}):
                    return {'text': t}
    raise SystemExit('no text in %s meets the rule' % path)


def words(t):
    return len(t.split())


def docx(path, text):
    # the smallest valid WordprocessingML package: one paragraph per line of text
    body = ''.join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % html.escape(p)
                   for p in text.split('\n'))
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml',
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                   'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr('_rels/.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr('word/document.xml',
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                   'wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)


def write(name, text):
    with open('examples/' + name, 'w', encoding='utf-8') as f:
        f.write(text.strip() + '\n')


tm = S + '/train-modern/validation/'
essay = first(tm + 'biscope-essay.jsonl', lambda d: d['label'] == 1 and 250 <= words(d['text']) <= 450)
docx('examples/machine-essay-claude-3-opus.docx', essay['text'])
story = first(tm + 'gecscore-normal.jsonl',
              lambda d: d['label'] == 1 and d['generator'] == 'GPT-4o' and 250 <= words(d['text']) <= 450)
write('machine-story-gpt-4o.txt', story['text'])
review = first(tm + 'glimpse-zh.jsonl', lambda d: d['label'] == 1 and len(d['text']) >= 300)
write('machine-zh-review-gpt-3.5.txt', review['text'])
hstory = first(tm + 'gecscore-normal.jsonl',
               lambda d: d['label'] == 0 and d['domain'] == 'writing' and 250 <= words(d['text']) <= 450)
write('human-story-writingprompts.md', hstory['text'])
wiki = first(S + '/eval/fast-detect-gpt-open/validation/squad_gpt2-xl.raw_data.json',
             lambda d: words(d['text']) >= 150)
with open('examples/human-wikipedia-squad.html', 'w', encoding='utf-8') as f:
    f.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Wikipedia paragraph (SQuAD)'
            '</title></head>\n<body><p>%s</p></body></html>\n' % html.escape(wiki['text']))
zh = first(S + '/eval/hc3-plus/zh/validation/val_hc3_QA.jsonl', lambda d: d['label'] == 0 and len(d['text']) >= 300)
write('human-zh-answer-hc3.txt', zh['text'])
