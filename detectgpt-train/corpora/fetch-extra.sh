#!/usr/bin/env bash
# Re-creates the "extra" modern English / Chinese prose corpora from Debian 12
# (bookworm, main) packages.  See SOURCES.md next to this file for the licence
# of every source.
#
# Output (relative to the repository root):
#   build/corpora-extra/en/<source>.txt
#   build/corpora-extra/zh/<source>.txt
# UTF-8, one paragraph per line, no markup, deduplicated (within and across
# the files, and against the corpora already in $EXISTING_CORPORA if present).
#
# Environment:
#   EXISTING_CORPORA  dir with modern-en/ and modern-zh/ to dedupe against
#                     (default ../shared/data/corpora beside the repository; ignored if missing)
#   ALLOW_NEWER=1     if a pinned version is no longer on the mirror, download
#                     the current candidate instead of failing
#   KEEP_WORK=1       keep the temporary download/extract directory
#
# Needs: apt-get, dpkg-deb, python3 (stdlib), pdftotext (poppler-utils; the
# script apt-get installs it when missing and running as root).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/build/corpora-extra"
EXISTING_CORPORA="${EXISTING_CORPORA:-$ROOT/../shared/data/corpora}"
WORK="$(mktemp -d /tmp/corpora-extra.XXXXXX)"
chmod 755 "$WORK"
if [ "${KEEP_WORK:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; else echo "work dir: $WORK"; fi
NICE="nice -n 19"

# ---------------------------------------------------------------- packages
WESNOTH="wesnoth-1.16-data wesnoth-1.16-did wesnoth-1.16-dm wesnoth-1.16-dw wesnoth-1.16-ei
 wesnoth-1.16-httt wesnoth-1.16-l wesnoth-1.16-low wesnoth-1.16-nr wesnoth-1.16-sof
 wesnoth-1.16-sota wesnoth-1.16-sotbe wesnoth-1.16-thot wesnoth-1.16-trow wesnoth-1.16-tsg
 wesnoth-1.16-ttb wesnoth-1.16-utbs"
GNOME_HELP="accerciser aisleriot anjuta-common baobab brasero-common cheese-common eog
 evince-common evolution-common file-roller gedit-common glade gnome-boxes gnome-calculator
 gnome-dictionary gnome-klotski gnome-logs gnome-music gnome-photos gnome-tetravex gnote
 gucharmap mate-user-guide rhythmbox-data sound-juicer swell-foop tali totem-common vinagre"

PKGS=(
  wesnoth-1.16-data=1:1.16.9-1 wesnoth-1.16-did=1:1.16.9-1 wesnoth-1.16-dm=1:1.16.9-1
  wesnoth-1.16-dw=1:1.16.9-1 wesnoth-1.16-ei=1:1.16.9-1 wesnoth-1.16-httt=1:1.16.9-1
  wesnoth-1.16-l=1:1.16.9-1 wesnoth-1.16-low=1:1.16.9-1 wesnoth-1.16-nr=1:1.16.9-1
  wesnoth-1.16-sof=1:1.16.9-1 wesnoth-1.16-sota=1:1.16.9-1 wesnoth-1.16-sotbe=1:1.16.9-1
  wesnoth-1.16-thot=1:1.16.9-1 wesnoth-1.16-trow=1:1.16.9-1 wesnoth-1.16-tsg=1:1.16.9-1
  wesnoth-1.16-ttb=1:1.16.9-1 wesnoth-1.16-utbs=1:1.16.9-1
  accerciser=3.40.0-2 aisleriot=1:3.22.23-1 anjuta-common=2:3.34.0-8 baobab=43.0-1
  brasero-common=3.12.3-2 cheese-common=43.0-1 eog=43.2-1+deb12u1 evince-common=43.1-2+deb12u1
  evolution-common=3.46.4-2+deb12u1 file-roller=43.0-1 gedit-common=44.2-1 glade=3.40.0-3+b1
  gnome-boxes=43.2-1 gnome-calculator=1:43.0.1-2 gnome-dictionary=40.0-3
  gnome-klotski=1:3.38.2-1 gnome-logs=43.0-1 gnome-music=42.1-1 gnome-photos=43.0-2
  gnome-tetravex=1:3.38.2-3 gnote=43.1-1 gucharmap=1:15.0.2-1 mate-user-guide=1.26.0-1
  rhythmbox-data=3.4.6-2 sound-juicer=3.38.0-2.1 swell-foop=1:41.1-1 tali=1:40.9-1
  totem-common=43.0-2 vinagre=3.22.0-8.1
  gnome-devel-docs=40.3-1
  harden-doc=3.19+nmu1
  texlive-lang-chinese=2022.20230122-1
  lilypond-doc-html-zh=2.24.1-2
  kicad-doc-zh=6.0.11+dfsg-1
  debian-edu-doc-legacy-zh-cn=2.12.23~deb12u1
  stellarium-data=0.22.2-1
  emacs-common=1:28.2+1-15+deb12u4
  crawl-common=2:0.28.0-1.1
  freeciv-data=3.0.6-1+deb12u1
  aptitude-common=0.8.13-5
  git-doc=1:2.39.5-0+deb12u3
  sphinx-doc=5.3.0-4
  python-django-doc=3:3.2.25-0+deb12u7
  nodejs-doc=18.20.4+dfsg-1~deb12u3
  r-doc-html=4.2.2.20221110-2
  debian-kernel-handbook=1.0.21
  debian-history=2.28
)

mkdir -p "$WORK/deb" "$WORK/x"
cd "$WORK/deb"
echo "== downloading ${#PKGS[@]} packages"
if ! $NICE apt-get download -q "${PKGS[@]}" >"$WORK/apt.log" 2>&1; then
  if [ "${ALLOW_NEWER:-0}" = 1 ]; then
    echo "pinned download failed; ALLOW_NEWER=1 -> trying package by package" >&2
    for pv in "${PKGS[@]}"; do
      $NICE apt-get download -q "$pv" >>"$WORK/apt.log" 2>&1 || {
        echo "WARNING: $pv unavailable, using current candidate of ${pv%%=*}" >&2
        $NICE apt-get download -q "${pv%%=*}" >>"$WORK/apt.log" 2>&1; }
    done
  else
    cat "$WORK/apt.log" >&2
    echo "apt-get download failed (try 'apt-get update', or ALLOW_NEWER=1)" >&2
    exit 1
  fi
fi

# extract <pkg> [tar wildcard ...]   (only the listed paths, plus doc/copyright)
extract() {
  local pkg="$1"; shift
  local deb; deb="$(ls "$WORK/deb/${pkg}"_*.deb | head -n1)"
  mkdir -p "$WORK/x/$pkg"
  if [ $# -eq 0 ]; then
    $NICE dpkg-deb -x "$deb" "$WORK/x/$pkg"
  else
    # tar exits non-zero when a wildcard matches nothing; that is fine here
    $NICE dpkg-deb --fsys-tarfile "$deb" \
      | $NICE tar -x -C "$WORK/x/$pkg" --wildcards "$@" './usr/share/doc/*/copyright' 2>/dev/null || true
  fi
}
echo "== extracting"
for p in $WESNOTH; do extract "$p" '*/locale/zh_CN/*'; done
for p in $GNOME_HELP; do extract "$p" './usr/share/help/zh_CN/*' './usr/share/help/C/*'; done
extract gnome-devel-docs './usr/share/help/zh_CN/*' './usr/share/help/C/*'
extract harden-doc './usr/share/doc/harden-doc/html/zh-CN/*' './usr/share/doc/harden-doc/html/en-US/*'
extract texlive-lang-chinese './usr/share/doc/texlive-doc/*'
extract lilypond-doc-html-zh '*.zh.html'
extract kicad-doc-zh './usr/share/doc/kicad/help/zh/*.html'
extract debian-edu-doc-legacy-zh-cn '*.html'
extract stellarium-data './usr/share/stellarium/skycultures/*/description.en.utf8' \
                        './usr/share/stellarium/skycultures/*/description.zh_CN.utf8'
extract emacs-common '*/etc/tutorials/TUTORIAL.cn' '*/etc/tutorials/TUTORIAL'
extract crawl-common './usr/share/crawl/dat/descript/*'
extract freeciv-data './usr/share/locale/zh_CN/*'
extract aptitude-common './usr/share/aptitude/help-zh_CN.txt' './usr/share/aptitude/help.txt'
extract git-doc
extract sphinx-doc
extract python-django-doc
extract nodejs-doc
extract r-doc-html
extract debian-kernel-handbook
extract debian-history

if ! command -v pdftotext >/dev/null 2>&1; then
  echo "== installing poppler-utils (pdftotext)"
  $NICE apt-get install -y -q poppler-utils >/dev/null
fi
X="$WORK/x"
TL="$X/texlive-lang-chinese/usr/share/doc/texlive-doc"
mkdir -p "$WORK/pdf"
# Chinese TeX documentation with a free licence (see SOURCES.md)
for f in latex/lshort-chinese/lshort-zh-cn.pdf latex/ctex-faq/ctex-faq.pdf \
         latex/install-latex-guide-zh-cn/install-latex-guide-zh-cn.pdf \
         generic/latex-notes-zh-cn/latex-notes-zh-cn.pdf latex/ctex/ctex.pdf \
         latex/fduthesis/fduthesis.pdf; do
  $NICE pdftotext -q -enc UTF-8 "$TL/$f" "$WORK/pdf/$(basename "$f" .pdf).txt"
done

# ---------------------------------------------------------------- convert
cat >"$WORK/extract.py" <<'PYEOF'
import os, re, sys, glob, struct, html, gzip
from html.parser import HTMLParser

X, PDF, OUT, EXISTING = sys.argv[1:5]
CJK = re.compile(r'[\u3400-\u4dbf\u4e00-\u9fff]')
WS = re.compile(r'\s+')

def norm_join(lines, zh):
    """join wrapped lines of one paragraph"""
    s = ''
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if not s:
            s = ln
        elif zh and (CJK.match(s[-1]) or s[-1] in '，。；：！？、）》」』”') and (CJK.match(ln[0]) or ln[0] in '，。；：！？、（《「『“'):
            s += ln
        elif s.endswith('-') and not zh and len(s) > 1 and s[-2].isalpha():
            s = s[:-1] + ln          # de-hyphenate
        else:
            s += ' ' + ln
    return clean(s, zh)

def clean(s, zh):
    s = html.unescape(s).replace('\u00a0', ' ').replace('\u200b', '').replace('\ufeff', '')
    s = WS.sub(' ', s).strip()
    if zh:  # a space between two CJK characters is a line-wrap artefact
        s = re.sub(r'(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])', '', s)
    return s

CODEY = re.compile(r'[{}<>=$\\|;_#@`\[\]]')
TOC = re.compile(r'(\. ?){4,}|…{3,}|·{4,}')
def zh_ok(s):
    if TOC.search(s):
        return False
    n = len(CJK.findall(s))
    if n < 15:
        return False
    if n / max(1, len(s.replace(' ', ''))) < 0.3:
        return False
    if not re.search(r'[。！？；，：]', s):
        return False
    if len(CODEY.findall(s)) > 3 or re.search(r'%[sdiu]|\$\w', s):
        return False
    return True

def en_ok(s):
    if len(s) < 40 or CJK.search(s) or TOC.search(s):
        return False
    if len(s.split()) < 7:
        return False
    letters = sum(c.isalpha() for c in s)
    if letters / len(s) < 0.7:
        return False
    if not re.search(r'[.!?]["\')]?$', s) and not re.search(r'[.!?] ', s):
        return False
    if not (s[0].isupper() or s[0] in '"“\'(' or s[0].isdigit()):
        return False
    if len(CODEY.findall(s)) / len(s) > 0.02 or re.search(r'%[sdiu]|\$\w|::|\(\)|->|=>', s):
        return False
    return True

def key(s):
    return WS.sub(' ', s.lower()).strip()

seen = set()
for lang in ('en', 'zh'):
    for f in glob.glob(os.path.join(EXISTING, 'modern-' + lang, '*.txt')):
        with open(f, encoding='utf-8', errors='replace') as fh:
            for ln in fh:
                if ln.strip():
                    seen.add(key(ln))
print('existing paragraphs for dedup:', len(seen), file=sys.stderr)

stats = []
def write(lang, name, paras):
    os.makedirs(os.path.join(OUT, lang), exist_ok=True)
    ok = zh_ok if lang == 'zh' else en_ok
    n = 0
    path = os.path.join(OUT, lang, name + '.txt')
    with open(path, 'w', encoding='utf-8') as fh:
        for p in paras:
            p = clean(p, lang == 'zh')
            if not ok(p):
                continue
            k = key(p)
            if k in seen:
                continue
            seen.add(k)
            fh.write(p + '\n')
            n += 1
    stats.append((lang, name, n, os.path.getsize(path)))
    print('%s/%s.txt: %d paragraphs, %.2f MB' % (lang, name, n, os.path.getsize(path) / 1e6), file=sys.stderr)

# ---- HTML / XML (Mallard, DocBook, XHTML)
BLOCK = set('p para simpara li dd dt div td th tr h1 h2 h3 h4 h5 h6 title subtitle section item '
            'listitem note tip warning caution important entry table ul ol dl blockquote caption '
            'figure br hr body article chapter sect1 sect2 sect3 page terms tree steps list '
            'desc example formalpara varlistentry term row thead tbody info header footer nav '
            'figcaption summary details glossentry glossdef glossterm question answer'.split())
SKIP = set('script style pre screen programlisting synopsis head svg math info bookinfo articleinfo '
           'legalnotice indexterm code-block literallayout cmdsynopsis funcsynopsis '
           'textarea select nav button credit license revision'.split())

class TextHTML(HTMLParser):
    def __init__(self, zh):
        super().__init__(convert_charrefs=True)
        self.zh, self.buf, self.out, self.skip = zh, [], [], 0
    def flush(self):
        if self.buf:
            self.out.append(norm_join([''.join(self.buf)], self.zh))
            self.buf = []
    def handle_starttag(self, tag, attrs):
        tag = tag.split(':')[-1]
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.flush()
        elif tag == 'code' and dict(attrs).get('mime'):   # Mallard block code
            self.skip += 1
    def handle_endtag(self, tag):
        tag = tag.split(':')[-1]
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.flush()
    def handle_startendtag(self, tag, attrs):
        if tag.split(':')[-1] in BLOCK:
            self.flush()
    def handle_data(self, d):
        if not self.skip:
            self.buf.append(d.replace('\n', ' ') if not self.zh else d.replace('\n', ''))

def html_paras(path, zh):
    op = gzip.open if path.endswith('.gz') else open
    with op(path, 'rt', encoding='utf-8', errors='replace') as fh:
        data = fh.read()
    # self-closing Mallard/DocBook <code mime=...>/<screen> etc are handled by SKIP
    p = TextHTML(zh)
    try:
        p.feed(data)
        p.close()
    except Exception as e:
        print('WARN parse', path, e, file=sys.stderr)
    p.flush()
    return p.out

def files(pattern):
    return sorted(f for f in glob.glob(os.path.join(X, pattern), recursive=True) if os.path.isfile(f))

def from_html(patterns, zh, exclude=None):
    for pat in patterns:
        for f in files(pat):
            if exclude and re.search(exclude, f):
                continue
            yield from html_paras(f, zh)

# ---- plain text, paragraphs separated by blank lines
def text_paras(path, zh):
    with open(path, encoding='utf-8', errors='replace') as fh:
        data = fh.read().replace('\f', '\n\n')
    for block in re.split(r'\n\s*\n', data):
        yield norm_join(block.split('\n'), zh)

# ---- gettext .mo
def mo_pairs(path):
    with open(path, 'rb') as fh:
        d = fh.read()
    magic = struct.unpack('<I', d[:4])[0]
    e = '<' if magic == 0x950412de else '>'
    _, _, n, oo, to = struct.unpack(e + '5I', d[:20])
    for i in range(n):
        ol, oof = struct.unpack(e + '2I', d[oo + 8 * i: oo + 8 * i + 8])
        tl, tof = struct.unpack(e + '2I', d[to + 8 * i: to + 8 * i + 8])
        mid = d[oof:oof + ol].decode('utf-8', 'replace')
        mstr = d[tof:tof + tl].decode('utf-8', 'replace')
        if not mid:
            continue
        mid = mid.split('\x04')[-1].split('\x00')[0]
        mstr = mstr.split('\x00')[0]
        yield mid, mstr

WML = [(re.compile(r'<(ref|italic|bold|format|jump|img)>.*?text=\'?([^<]*?)\'?</\1>'), r'\2'),
       (re.compile(r'<header>.*?</header>'), ''),
       (re.compile(r'</?(span|b|i|u|small|big|tt|s)\b[^>]*>'), ''),
       (re.compile(r'&[a-zA-Z0-9_./-]+\.(png|webp|jpg)=[^&]*&|&\S+\.png(=\S*)?'), ''),
       (re.compile(r'\.\.\.'), '…')]
def wml_clean(s):
    for rx, rep in WML[:-1]:
        s = rx.sub(rep, s)
    return s

def mo_paras(paths, zh):
    for path in paths:
        for mid, mstr in mo_pairs(path):
            if not mstr or mstr == mid:
                continue
            t = mstr if zh else mid
            t = wml_clean(t).replace('\\n', '\n')
            for block in re.split(r'\n\s*\n', t):
                yield norm_join(block.split('\n'), zh)

# ---- Dungeon Crawl description database (%%%% separated entries)
def crawl_paras(paths, zh):
    for path in paths:
        with open(path, encoding='utf-8', errors='replace') as fh:
            data = fh.read()
        for entry in data.split('%%%%'):
            lines = [l for l in entry.strip('\n').split('\n') if not l.startswith('#')]
            if len(lines) < 2 or '{{' in entry:
                continue
            body = '\n'.join(lines[1:])
            body = re.sub(r'<[^>]*>', '', body)
            for block in re.split(r'\n\s*\n', body):
                if block.lstrip().startswith(('"', '“', '-')):
                    continue  # quotations from third-party works
                yield norm_join(block.split('\n'), zh)

def pdf_paras(paths, zh):
    for path in paths:
        yield from text_paras(path, zh)

# ================================================================ sources
W = 'usr/share/games/wesnoth/1.16/locale/zh_CN/LC_MESSAGES/*.mo'
wes_mo = files('wesnoth-1.16-*/' + W)
write('zh', 'wesnoth-1.16-zh_CN', mo_paras(wes_mo, True))
write('en', 'wesnoth-1.16-en', mo_paras(wes_mo, False))

GH = os.environ['GNOME_HELP'].split() + ['gnome-devel-docs']
write('zh', 'gnome-help-apps-zh_CN', from_html(['%s/usr/share/help/zh_CN/**/*.page' % p for p in GH] +
                                                ['%s/usr/share/help/zh_CN/**/*.xml' % p for p in GH] +
                                                ['%s/usr/share/help/zh_CN/**/*.docbook' % p for p in GH], True,
                                                exclude=r'/legal\.xml$'))
write('zh', 'harden-doc-zh-CN', from_html(['harden-doc/usr/share/doc/harden-doc/html/zh-CN/*.html'], True))
write('zh', 'texlive-lang-chinese-docs', pdf_paras(sorted(glob.glob(os.path.join(PDF, '*.txt'))), True))
write('zh', 'lilypond-doc-html-zh', from_html(['lilypond-doc-html-zh/**/*.zh.html'], True,
                                              exclude=r'big-page'))
write('zh', 'kicad-doc-zh', from_html(['kicad-doc-zh/usr/share/doc/kicad/help/zh/*.html'], True))
write('zh', 'debian-edu-doc-legacy-zh-cn', from_html(['debian-edu-doc-legacy-zh-cn/**/*.html'], True))
write('zh', 'stellarium-skycultures-zh_CN', from_html(['stellarium-data/usr/share/stellarium/skycultures/*/description.zh_CN.utf8'], True))
write('zh', 'crawl-descript-zh', crawl_paras([f for f in files('crawl-common/usr/share/crawl/dat/descript/zh/*.txt')
                                              if not f.endswith('/quotes.txt')], True))
write('zh', 'emacs-tutorial-cn', text_paras(files('emacs-common/usr/share/emacs/*/etc/tutorials/TUTORIAL.cn')[0], True))
write('zh', 'freeciv-zh_CN', mo_paras(files('freeciv-data/usr/share/locale/zh_CN/LC_MESSAGES/*.mo'), True))
write('zh', 'aptitude-help-zh_CN', text_paras(files('aptitude-common/usr/share/aptitude/help-zh_CN.txt')[0], True))

write('en', 'gnome-help-apps-C', from_html(['%s/usr/share/help/C/**/*.page' % p for p in GH] +
                                           ['%s/usr/share/help/C/**/*.xml' % p for p in GH] +
                                           ['%s/usr/share/help/C/**/*.docbook' % p for p in GH], False,
                                           exclude=r'/legal\.xml$'))
write('en', 'harden-doc-en', from_html(['harden-doc/usr/share/doc/harden-doc/html/en-US/*.html'], False))
write('en', 'crawl-descript-en', crawl_paras([f for f in files('crawl-common/usr/share/crawl/dat/descript/*.txt')
                                              if not f.endswith('/quotes.txt')], False))
write('en', 'stellarium-skycultures-en', from_html(['stellarium-data/usr/share/stellarium/skycultures/*/description.en.utf8'], False))
write('en', 'git-doc', from_html(['git-doc/usr/share/doc/git-doc/**/*.html'], False))
write('en', 'sphinx-doc', from_html(['sphinx-doc/usr/share/doc/sphinx-doc/html/**/*.html'], False,
                                    exclude=r'/_modules/|/genindex|/search\.html|/py-modindex'))
write('en', 'python-django-doc', from_html(['python-django-doc/usr/share/doc/python-django-doc/html/**/*.html'], False,
                                           exclude=r'/_modules/|/genindex|/search\.html|/py-modindex'))
write('en', 'nodejs-doc', from_html(['nodejs-doc/usr/share/doc/nodejs/api/*.html'], False, exclude=r'/all\.html$'))
write('en', 'r-doc-html', from_html(['r-doc-html/usr/share/R/doc/manual/*.html'], False))
write('en', 'debian-kernel-handbook', from_html(['debian-kernel-handbook/usr/share/doc/debian-kernel-handbook/**/*.html'], False))
write('en', 'debian-history', from_html(['debian-history/usr/share/doc/debian-history/docs/*.en.html'], False))
write('en', 'emacs-tutorial-en', text_paras(files('emacs-common/usr/share/emacs/*/etc/tutorials/TUTORIAL')[0], False))

with open(os.path.join(OUT, 'STATS.tsv'), 'w') as fh:
    fh.write('lang\tsource\tparagraphs\tbytes\n')
    for s in stats:
        fh.write('%s\t%s\t%d\t%d\n' % s)
PYEOF

rm -rf "$OUT"
mkdir -p "$OUT"
echo "== converting"
GNOME_HELP="$GNOME_HELP" $NICE python3 "$WORK/extract.py" "$X" "$WORK/pdf" "$OUT" "$EXISTING_CORPORA"
echo "== done: $OUT"
du -sh "$OUT"/en "$OUT"/zh
