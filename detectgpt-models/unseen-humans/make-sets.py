"""Cuts human texts the ensemble head never trained on into essay-length documents, as JSONL data
sets (label 0) for `detectgpt eval --verdicts`: how often each KIND of human writing the head
never saw is called likely-machine. Sources (../shared/data/corpora, public domain or free
licences, see ../shared/README.md): US State of the Union addresses; English prose of Debian's,
Python's, PostgreSQL's, GNOME's and LibreOffice's documentation; novels and stories of Project
Gutenberg (NLTK's tokenized copy, detokenized here). Each text: consecutive paragraphs joined until
200 words, cut at 400; at most 150 texts per source, spread evenly over the file.

Usage: python3 detectgpt-models/unseen-humans/make-sets.py OUT_DIR
"""
import json, os, re, sys

S = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/data/corpora")
SOURCES = {
    "sotu": ["en/sotu.txt"],
    "docs-debian": ["modern-en/debian-handbook.txt", "modern-en/debian-reference-en.txt", "modern-en/debian-faq.txt"],
    "docs-python": ["modern-en/python3.11-doc.txt"],
    "docs-postgresql": ["modern-en/postgresql-doc-15.txt"],
    "docs-desktop": ["modern-en/gnome-user-docs-C.txt", "modern-en/libreoffice-help-en-us.txt"],
    "novels-austen": ["en/gutenberg-nltk/austen-emma.txt", "en/gutenberg-nltk/austen-persuasion.txt",
                      "en/gutenberg-nltk/austen-sense.txt"],
    "novels-chesterton-melville": ["en/gutenberg-nltk/chesterton-ball.txt", "en/gutenberg-nltk/chesterton-brown.txt",
                                   "en/gutenberg-nltk/chesterton-thursday.txt", "en/gutenberg-nltk/melville-moby_dick.txt"],
    "childrens-stories": ["en/gutenberg-nltk/bryant-stories.txt", "en/gutenberg-nltk/burgess-busterbrown.txt",
                          "en/gutenberg-nltk/edgeworth-parents.txt", "en/gutenberg-nltk/carroll-alice.txt"],
}
PER_SOURCE, MIN_WORDS, MAX_WORDS = 150, 200, 400


def detok(line):
    """NLTK's Gutenberg copy: one sentence a line, spaces around punctuation, `` '' quotes, _ italics _."""
    t = line.replace("``", '"').replace("''", '"').replace(" _ ", " ").replace("_ ", "").replace(" _", "")
    t = re.sub(r" ([.,;:!?)\]])", r"\1", t)
    t = re.sub(r"([(\[]) ", r"\1", t)
    t = re.sub(r" (n't|'s|'ll|'re|'ve|'d|'m)\b", r"\1", t)
    t = re.sub(r" -- ", " -- ", t)
    t = re.sub(r'" (.*?) "', r'"\1"', t)
    return t.strip()


def paragraphs(path):
    text = open(path, encoding="utf-8", errors="replace").read().replace("\r\n", "\n")
    if "gutenberg" in path:
        # one sentence a line; no blank lines: group sentences into paragraphs of ~5
        lines = [detok(l) for l in text.split("\n") if l.strip() and not re.match(r"^(\[|CHAPTER|VOLUME|BOOK)", l)]
        return [" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5)]
    blocks = re.split(r"\n\s*\n", text) if "\n\n" in text else text.split("\n")
    return [" ".join(b.split()) for b in blocks if len(b.split()) >= 10]


def documents(files):
    docs = []
    for f in files:
        cur = []
        for p in paragraphs(os.path.join(S, f)):
            cur.extend(p.split())
            if len(cur) >= MIN_WORDS:
                docs.append(" ".join(cur[:MAX_WORDS]))
                cur = []
    return docs


out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, files in SOURCES.items():
    docs = documents(files)
    step = max(1, len(docs) / PER_SOURCE)
    pick = [docs[int(i * step)] for i in range(min(PER_SOURCE, len(docs)))]
    with open(os.path.join(out, name + ".jsonl"), "w", encoding="utf-8") as w:
        for d in pick:
            w.write(json.dumps({"text": d, "label": 0, "source": name}, ensure_ascii=False) + "\n")
    print(f"{name}: {len(pick)} texts of {len(docs)}")
