#!/usr/bin/env python3
"""Trains the aligned pair of detectgpt-en on a GPU: the shipped model continued on machine texts
(detectgpt-en-machine) and, with the same steps, on human texts (detectgpt-en-human) — DALD (Zeng
et al. 2024) / ImBD (Chen et al. 2025) style continued training — and measures them zero-shot.

A one-off training tool (PyTorch), not product code: scoring is the Java engine's. The Llama
forward below is written from the architecture (RMSNorm, rotate_half RoPE, SwiGLU, tied head); on
the GPU machine it is checked against transformers' LlamaForCausalLM when that is installed.

Inputs: .pair/train.jsonl.xz and .pair/valid.jsonl.xz from prep.py. Outputs under $OUT (or
build/pair): pair-results.json (per-file AUROC etc.), valid-scores.jsonl.xz, the two models as
F16 safetensors with the shipped model's tensor names. Seeded (SEED); the dev split is 10% of the
training texts by hash and picks the learning rate and the step count.
Usage: python3 detectgpt-models/pair/train-pair.py  [SMOKE=1 for a tiny CPU run]
"""
import hashlib, json, lzma, math, os, struct, sys, time
import numpy as np
import torch
import torch.nn.functional as F

T0 = time.time()
SMOKE = os.environ.get('SMOKE') == '1'
SEED = 20261130
ROOT = 'detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-en'
OUT = os.environ.get('OUT') or 'build/pair'
DEADLINE = float(os.environ.get('DEADLINE', '420'))  # seconds of training before the final eval
CTX = 32 if SMOKE else 256  # SMOKE: short windows, so several per text
MAX_TOKENS = 100 if SMOKE else 1024  # per text, training and scoring
LRS = [float(x) for x in os.environ.get('LRS', '3e-4,1e-3').split(',')]
STEPS = int(os.environ.get('STEPS', '2400'))
CHECKS = [int(x) for x in os.environ.get('CHECKS', '300,600,1200,2400').split(',')]
BATCH = 4 if SMOKE else 64
dev = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
os.makedirs(OUT, exist_ok=True)
LOG = open(os.path.join(OUT, 'train-log.txt'), 'a')


def log(*a):
    s = f'[{time.time() - T0:7.1f}s] ' + ' '.join(str(x) for x in a)
    print(s, flush=True)
    LOG.write(s + '\n')
    LOG.flush()


# ---------------------------------------------------------------- safetensors (no dependency)
def read_safetensors(path):
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop('__metadata__', {})
    tensors = {}
    for k, v in header.items():
        assert v['dtype'] == 'F16', (k, v['dtype'])
        a, b = v['data_offsets']
        tensors[k] = torch.from_numpy(np.frombuffer(data[a:b], dtype=np.float16).reshape(v['shape']).astype(np.float32))
    return tensors, meta


def write_safetensors(path, tensors, meta):
    header, blobs, off = {'__metadata__': meta}, [], 0
    for k, t in tensors.items():
        b = t.detach().to('cpu', torch.float32).numpy().astype(np.float16).tobytes()
        header[k] = {'dtype': 'F16', 'shape': list(t.shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * (-len(h) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


# ---------------------------------------------------------------- the model
CFG = json.load(open(os.path.join(ROOT, 'config.json')))
D, L, H = CFG['hidden_size'], CFG['num_hidden_layers'], CFG['num_attention_heads']
HD, EPS, V = CFG['head_dim'], CFG['rms_norm_eps'], CFG['vocab_size']
assert CFG['tie_word_embeddings'] and CFG['num_key_value_heads'] == H


def rope_tables(device):
    inv = 1.0 / (CFG['rope_theta'] ** (torch.arange(0, HD, 2, dtype=torch.float32, device=device) / HD))
    f = torch.outer(torch.arange(CTX, dtype=torch.float32, device=device), inv)
    e = torch.cat([f, f], dim=-1)
    return e.cos(), e.sin()


def rms(x, w):
    x32 = x.float()
    return (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + EPS)).to(x.dtype) * w


def rotate_half(x):
    a, b = x.chunk(2, dim=-1)
    return torch.cat([-b, a], dim=-1)


def forward(p, ids, cos, sin):
    """Logits [B, T, V] (float32) of a causal Llama over ids [B, T]."""
    B, T = ids.shape
    x = p['model.embed_tokens.weight'][ids]
    c, s = cos[:T], sin[:T]
    mask = torch.full((T, T), float('-inf'), device=ids.device).triu(1)
    for i in range(L):
        pre = f'model.layers.{i}.'
        h = rms(x, p[pre + 'input_layernorm.weight'])
        q = (h @ p[pre + 'self_attn.q_proj.weight'].t()).view(B, T, H, HD).transpose(1, 2)
        k = (h @ p[pre + 'self_attn.k_proj.weight'].t()).view(B, T, H, HD).transpose(1, 2)
        v = (h @ p[pre + 'self_attn.v_proj.weight'].t()).view(B, T, H, HD).transpose(1, 2)
        q = q * c + rotate_half(q) * s
        k = k * c + rotate_half(k) * s
        a = (q @ k.transpose(-1, -2)) / math.sqrt(HD) + mask
        a = torch.softmax(a.float(), dim=-1).to(v.dtype) @ v
        x = x + a.transpose(1, 2).reshape(B, T, D) @ p[pre + 'self_attn.o_proj.weight'].t()
        h = rms(x, p[pre + 'post_attention_layernorm.weight'])
        g = F.silu(h @ p[pre + 'mlp.gate_proj.weight'].t()) * (h @ p[pre + 'mlp.up_proj.weight'].t())
        x = x + g @ p[pre + 'mlp.down_proj.weight'].t()
    x = rms(x, p['model.norm.weight'])
    return (x @ p['model.embed_tokens.weight'].t()).float()


def check_against_transformers(p, cos, sin, ids):
    try:
        from transformers import LlamaForCausalLM
        m = LlamaForCausalLM.from_pretrained(ROOT, dtype=torch.float32).to(dev).eval()
        with torch.no_grad():
            ref = m(ids).logits.float()
            mine = forward(p, ids, cos, sin)
        d = (ref - mine).abs().max().item()
        log(f'forward vs transformers LlamaForCausalLM: max |logit diff| {d:.2e} over {tuple(ids.shape)}')
        return d
    except Exception as e:  # noqa: BLE001 - a check, not a requirement
        log('transformers check failed to run:', repr(e)[:300])
        return None


# ---------------------------------------------------------------- data
def load(name):
    with lzma.open(os.path.join('.pair', name), 'rt', encoding='utf-8') as f:
        rows = [dict(json.loads(line), i=i) for i, line in enumerate(f)]  # i: line number
    if SMOKE:
        rows = rows[::max(1, len(rows) // 300)]
    return rows


def tokenizer():
    try:
        from tokenizers import Tokenizer
        tok = Tokenizer.from_file(os.path.join(ROOT, 'tokenizer.json'))
        tok.no_truncation()
        tok.no_padding()
        return lambda texts: [e.ids for e in tok.encode_batch(texts, add_special_tokens=True)]
    except ImportError:
        if not SMOKE:
            raise
        log('SMOKE: no tokenizers package, bytes as ids')
        return lambda texts: [[b % (V - 1) for b in t.encode()] for t in texts]


def is_dev(text):
    return hashlib.sha1(text.encode()).digest()[0] < 26  # ~10 %


def chunks(id_lists):
    out = []
    for ids in id_lists:
        for a in range(0, len(ids), CTX):
            c = ids[a:a + CTX]
            if len(c) >= 16:
                out.append(c)
    arr = np.zeros((len(out), CTX), dtype=np.int64)
    msk = np.zeros((len(out), CTX), dtype=np.bool_)
    for i, c in enumerate(out):
        arr[i, :len(c)] = c
        msk[i, :len(c)] = True
    return torch.from_numpy(arr), torch.from_numpy(msk)


# ---------------------------------------------------------------- scoring as the Java engine windows
def windows(n):
    """Java TokenScorer windows over n ids: (start, end, firstRow)."""
    w, nxt = [], 0
    while nxt < n - 1:
        start = 0 if nxt == 0 else nxt - CTX // 2
        end = min(n, start + CTX)
        w.append((start, end, nxt - start))
        nxt = end - 1
    return w


@torch.no_grad()
def score(models, id_lists, cos, sin):
    """Per text: dict of per-token arrays lp[m], and cross terms for pairs (p, q)."""
    names = list(models)
    extra = (['mu_base', 'var_base'] if 'base' in models else []) + ['x_MH', 'x_HM']
    per = [{k: [] for k in names + extra} for _ in id_lists]
    jobs = []
    for t, ids in enumerate(id_lists):
        for (s, e, r) in windows(len(ids)):
            jobs.append((t, s, e, r))
    jobs.sort(key=lambda j: j[2] - j[1])
    bs = int(os.environ.get('SCORE_BATCH', '256'))
    for b0 in range(0, len(jobs), bs):
        part = jobs[b0:b0 + bs]
        T = max(e - s for _, s, e, _ in part)
        ids = torch.zeros((len(part), T), dtype=torch.long)
        for i, (t, s, e, r) in enumerate(part):
            ids[i, :e - s] = torch.tensor(id_lists[t][s:e])
        ids = ids.to(dev)
        logp = {}
        for k in names:
            lg = forward(models[k], ids, cos, sin)  # float32: the Java engine's precision
            logp[k] = torch.log_softmax(lg.float(), dim=-1)
        tgt = ids[:, 1:]
        lp = {k: logp[k][:, :-1].gather(-1, tgt.unsqueeze(-1)).squeeze(-1) for k in names}
        cols = dict(lp)
        if 'base' in logp:
            pb = logp['base'][:, :-1].exp()
            cols['mu_base'] = mu = (pb * logp['base'][:, :-1]).sum(-1)
            cols['var_base'] = (pb * logp['base'][:, :-1].pow(2)).sum(-1) - mu.pow(2)
        pm, ph = logp['M'][:, :-1].exp(), logp['H'][:, :-1].exp()
        cols['x_MH'] = (ph * logp['M'][:, :-1]).sum(-1)  # p = M (performer), q = H (observer)
        cols['x_HM'] = (pm * logp['H'][:, :-1]).sum(-1)  # p = H, q = M
        cols = {k: v.cpu().numpy() for k, v in cols.items()}
        for i, (t, s, e, r) in enumerate(part):
            for k, v in cols.items():
                per[t][k].append(v[i, r:e - s - 1])
    return [{k: np.concatenate(v) if v else np.zeros(0) for k, v in d.items()} for d in per]


def text_scores(st):
    """Per-text criterion scores, higher = more machine-like."""
    n = len(st['M'])
    s_p_m = -np.mean(st['M'])
    s_p_h = -np.mean(st['H'])
    return {
        'ratio': float(np.mean(st['M'] - st['H'])),
        'binoculars_MH': float(-s_p_m / max(-np.mean(st['x_MH']), 1e-6)),
        'binoculars_HM': float(-s_p_h / max(-np.mean(st['x_HM']), 1e-6)),
        'likelihood_M': float(np.mean(st['M'])),
        'likelihood_H': float(np.mean(st['H'])),
        'likelihood_base': float(np.mean(st['base'])),
        'fast_detectgpt_base': float((np.sum(st['base']) - np.sum(st['mu_base']))
                                     / math.sqrt(max(np.sum(st['var_base']), 1e-12))),
        'tokens': n + 1,
    }


def auroc(y, s):
    y, s = np.asarray(y), np.asarray(s, dtype=np.float64)
    pos, neg = y == 1, y == 0
    if pos.sum() == 0 or neg.sum() == 0:
        return None
    order = np.argsort(s, kind='mergesort')
    ranks = np.empty(len(s))
    ss = s[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and ss[j + 1] == ss[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[pos].sum() - pos.sum() * (pos.sum() + 1) / 2) / (pos.sum() * neg.sum()))


def tpr_at_fpr(y, s, fpr=0.01):
    y, s = np.asarray(y), np.asarray(s)
    h, m = s[y == 0], s[y == 1]
    if len(h) == 0 or len(m) == 0:
        return None
    thr = np.quantile(h, 1 - fpr)
    return float((m > thr).mean())


def per_file(rows, scores, crit):
    by = {}
    for r, sc in zip(rows, scores):
        by.setdefault(r['f'], ([], []))
        by[r['f']][0].append(r['y'])
        by[r['f']][1].append(sc[crit])
    return {f: (auroc(y, s), len(y)) for f, (y, s) in sorted(by.items())}


def mean_auroc(rows, scores, crit):
    v = [a for a, _ in per_file(rows, scores, crit).values() if a is not None]
    return float(np.mean(v)) if v else float('nan')


# ---------------------------------------------------------------- training
def bf16():
    import contextlib
    return torch.autocast('cuda', dtype=torch.bfloat16) if dev.type == 'cuda' else contextlib.nullcontext()


def train(base, chunk_ids, chunk_mask, lr, checks, on_check):
    p = {k: v.clone().to(dev).requires_grad_(True) for k, v in base.items()}
    opt = torch.optim.AdamW(p.values(), lr=lr, betas=(0.9, 0.95), weight_decay=0.01)
    g = torch.Generator().manual_seed(SEED)
    cos, sin = rope_tables(dev)
    steps = max(checks)
    warm = max(1, steps // 20)
    n = len(chunk_ids)
    chunk_ids, chunk_mask = chunk_ids.to(dev), chunk_mask.to(dev)
    perm = torch.randperm(n, generator=g).to(dev)
    pos, losses = 0, []
    for step in range(1, steps + 1):
        if pos + BATCH > n:
            perm, pos = torch.randperm(n, generator=g).to(dev), 0
        idx = perm[pos:pos + BATCH]
        pos += BATCH
        ids, msk = chunk_ids[idx], chunk_mask[idx]
        f = step / warm if step <= warm else 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * (step - warm) / (steps - warm)))
        for grp in opt.param_groups:
            grp['lr'] = lr * f
        with bf16():
            lg = forward(p, ids[:, :-1], cos, sin)
        m = msk[:, 1:]
        loss = F.cross_entropy(lg[m], ids[:, 1:][m])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(p.values(), 1.0)
        opt.step()
        losses.append(loss.item() if step % 50 == 0 or step == 1 else float('nan'))
        if step in checks:
            on_check(step, {k: v.detach().clone() for k, v in p.items()}, float(np.nanmean(losses[-200:])))
    return p


def summarize(valid_rows, sc):
    results = {}
    crits = ['ratio', 'binoculars_MH', 'binoculars_HM', 'likelihood_M', 'likelihood_H', 'likelihood_base', 'fast_detectgpt_base']
    results['validation'] = {c: per_file(valid_rows, sc, c) for c in crits}
    groups = {
        'train-modern two-class': lambda f: f.startswith('train-modern/'),
        'fast-detect-gpt-open': lambda f: 'fast-detect-gpt-open' in f,
        'hc3-plus en': lambda f: 'hc3-plus' in f,
        'mixset': lambda f: 'mixset' in f,
    }
    summary = {}
    for c in crits:
        pf = results['validation'][c]
        summary[c] = {g: float(np.mean([a for f, (a, n) in pf.items() if sel(f) and a is not None]))
                      for g, sel in groups.items()}
        # short texts: pooled over train-modern validation two-class files, by token count
        bins = {}
        for r, s in zip(valid_rows, sc):
            if not r['f'].startswith('train-modern/'):
                continue
            b = '<64' if s['tokens'] < 64 else '64-128' if s['tokens'] < 128 else '128-256' if s['tokens'] < 256 else '>=256'
            bins.setdefault(b, ([], []))
            bins[b][0].append(r['y'])
            bins[b][1].append(s[c])
        summary[c]['train-modern pooled by tokens'] = {b: (auroc(y, s), len(y)) for b, (y, s) in sorted(bins.items())}
        tm = [(r['y'], s[c]) for r, s in zip(valid_rows, sc) if r['f'].startswith('train-modern/')]
        summary[c]['train-modern pooled TPR@1%FPR'] = tpr_at_fpr([a for a, _ in tm], [b for _, b in tm])
    results['summary'] = summary
    for c in crits:
        log('validation', c, json.dumps(summary[c]))
    return results


SOURCES = ('biscope', 'detectrl', 'gecscore', 'imbd', 'hc3-plus', 'mixset')  # 'other': fast-detect-gpt-open's humans


def source_of(f):
    return next((x for x in SOURCES if x in f), 'other')


def loso():
    """Leave-one-source-out: a pair trained without source S (at LOSO_LR, LOSO_STEPS), scored on
    S's validation texts. Writes loso-results.json."""
    lr, steps = float(os.environ.get('LOSO_LR', '1e-3')), int(os.environ.get('LOSO_STEPS', '1200'))
    if SMOKE:
        steps = 5
    base, meta = read_safetensors(os.environ.get('BASE') or os.path.join(ROOT, 'model.safetensors'))
    cos, sin = rope_tables(dev)
    base_dev = {k: v.to(dev) for k, v in base.items()}
    train_rows, valid_rows = load('train.jsonl.xz'), load('valid.jsonl.xz')
    tr_ids, va_ids = train_ids(train_rows), encode(valid_rows)
    out = {'seed': SEED, 'lr': lr, 'steps': steps, 'batch': BATCH, 'folds': {}}
    for src in os.environ.get('LOSO_SOURCES', ','.join(SOURCES)).split(','):
        if time.time() - T0 > DEADLINE:
            log('deadline: fold', src, 'not run')
            break
        t1 = time.time()
        pair = {}
        for y, name in ((1, 'M'), (0, 'H')):
            ids = [x for r, x in zip(train_rows, tr_ids) if r['y'] == y and source_of(r['f']) != src]
            c = chunks(ids)
            pair[name] = {k: v.detach() for k, v in train(base, c[0], c[1], lr, [steps], lambda *a: None).items()}
        held = [(r, x) for r, x in zip(valid_rows, va_ids) if source_of(r['f']) == src and len(x) >= 2]
        rows = [r for r, _ in held]
        sc = [text_scores(st) for st in score({'base': base_dev, **pair}, [x for _, x in held], cos, sin)]
        fold = {c: per_file(rows, sc, c) for c in ('ratio', 'binoculars_MH', 'likelihood_M')}
        fold['mean'] = {c: mean_auroc(rows, sc, c) for c in ('ratio', 'binoculars_MH', 'likelihood_M')}
        out['folds'][src] = fold
        log(f'held out {src} ({time.time() - t1:.1f}s):', json.dumps(fold['mean']))
        json.dump(out, open(os.path.join(OUT, 'loso-results.json'), 'w'), indent=1)
    log('done')


# The ensemble head's pair block (org.detectgpt.ensemble.PairFeatures computes the same in Java).
PAIR_FEATURES = ['pair_ratio_mean', 'pair_ratio_sd', 'pair_ratio_p10', 'pair_ratio_p50', 'pair_ratio_p90',
                 'pair_machine_mean', 'pair_human_mean', 'pair_binoculars']


def pair_features(st):
    """Per token d = log p_M − log p_H: mean, sd, 10/50/90 % quantiles (sorted[floor(p(n−1))]);
    each model's mean log p; Binoculars with performer M and observer H (−logppl_M / x_MH)."""
    m, h = st['M'].astype(np.float64), st['H'].astype(np.float64)
    d = np.sort(m - h)
    n = len(d)
    mean = float(d.mean())
    q = lambda p: float(d[int(math.floor(p * (n - 1)))])
    cross = -float(np.mean(st['x_MH'].astype(np.float64)))
    return [mean, math.sqrt(float(((d - mean) ** 2).mean())), q(0.1), q(0.5), q(0.9),
            float(m.mean()), float(h.mean()), float(m.mean()) / max(cross, 1e-6)]


def encode(rows):
    """Token ids of the rows' texts, cut to MAX_TOKENS."""
    return [x[:MAX_TOKENS] for x in tokenizer()([r['t'] for r in rows])]


def train_ids(rows):
    """Token ids of the rows (cut to MAX_TOKENS), cached at $IDS (.npz) so that side-by-side folds
    tokenize once."""
    path = os.environ.get('IDS')
    if path and os.path.exists(path):
        z = np.load(path)
        flat, off = z['flat'], z['off']
        assert len(off) == len(rows) + 1, 'token cache is of other rows'
        return [flat[off[i]:off[i + 1]].tolist() for i in range(len(rows))]
    ids = encode(rows)
    if path:
        off = np.cumsum([0] + [len(x) for x in ids])
        np.savez(path + '.tmp.npz', flat=np.fromiter((t for x in ids for t in x), dtype=np.int32, count=int(off[-1])),
                 off=off)
        os.replace(path + '.tmp.npz', path)
        log('tokenized', len(rows), 'texts into', path)
    return ids


def oof():
    """Cross-fitted pair features for the ensemble head: a pair trained (the shipped recipe: lr
    1e-3, 1,200 steps, dev split left out) without the head's cross-validation group FOLD, then
    the features of every training text of FOLD under it. One process per fold (oof.sh runs
    them side by side). Writes $OUT/oof-FOLD.json: {fold, seed, steps, idx: [...], x: [[...]]},
    idx = line numbers in .pair/train.jsonl.xz."""
    fold = os.environ['FOLD']
    lr, steps = float(os.environ.get('OOF_LR', '1e-3')), int(os.environ.get('OOF_STEPS', '1200'))
    if SMOKE:
        steps = 5
    torch.manual_seed(SEED)
    base, meta = read_safetensors(os.environ.get('BASE') or os.path.join(ROOT, 'model.safetensors'))
    log('fold', fold, 'device', dev, 'base', json.dumps(meta))
    cos, sin = rope_tables(dev)
    rows = load('train.jsonl.xz')
    ids = train_ids(rows)
    pair = {}
    for y, name in ((1, 'M'), (0, 'H')):
        fit = [x for r, x in zip(rows, ids) if r['y'] == y and source_of(r['f']) != fold and not is_dev(r['t'])]
        c = chunks(fit)
        log(fold, name, 'texts', len(fit), 'chunks', len(c[0]))
        pair[name] = {k: v.detach() for k, v in train(base, c[0], c[1], lr, [steps], lambda *a: None).items()}
    log(fold, 'trained')
    held = [i for i, r in enumerate(rows) if source_of(r['f']) == fold and len(ids[i]) >= 2]
    stats = score(pair, [ids[i] for i in held], cos, sin)
    x = [pair_features(st) for st in stats]
    y = [rows[i]['y'] for i in held]
    res = {'fold': fold, 'seed': SEED, 'lr': lr, 'steps': steps, 'batch': f'{BATCH}x{CTX}', 'names': PAIR_FEATURES,
           'auroc': {n: auroc(y, [v[j] for v in x]) for j, n in enumerate(PAIR_FEATURES)},
           'idx': [rows[i]['i'] for i in held], 'x': x}
    json.dump(res, open(os.path.join(OUT, f'oof-{fold}.json'), 'w'))
    log(fold, 'scored', len(held), 'texts; AUROC', json.dumps(res['auroc']))


def main():
    if os.environ.get('TOKENIZE') == '1':
        return train_ids(load('train.jsonl.xz'))
    if os.environ.get('OOF') == '1':
        return oof()
    if os.environ.get('LOSO') == '1':
        return loso()
    torch.manual_seed(SEED)
    log('device', dev, torch.__version__, 'smoke' if SMOKE else '')
    base, meta = read_safetensors(os.path.join(ROOT, 'model.safetensors'))
    cos, sin = rope_tables(dev)
    base_dev = {k: v.to(dev) for k, v in base.items()}
    results = {'seed': SEED, 'base_model': 'detectgpt-en (' + json.dumps(meta) + ')', 'ctx': CTX,
               'max_tokens_per_text': MAX_TOKENS, 'batch': BATCH}
    if dev.type == 'cuda':
        results['transformers_max_logit_diff'] = check_against_transformers(
            base_dev, cos, sin, torch.randint(0, V, (4, CTX), generator=torch.Generator().manual_seed(1)).to(dev))
    train_rows, valid_rows = load('train.jsonl.xz'), load('valid.jsonl.xz')
    tr_ids, va_ids = train_ids(train_rows), encode(valid_rows)
    log('tokenized', len(train_rows), 'train and', len(valid_rows), 'validation texts')
    dev_idx = [i for i, r in enumerate(train_rows) if is_dev(r['t']) and len(tr_ids[i]) >= 2]
    fit = {y: [tr_ids[i] for i, r in enumerate(train_rows) if r['y'] == y and not is_dev(r['t'])] for y in (0, 1)}
    data = {y: chunks(fit[y]) for y in (0, 1)}
    log('training chunks: machine', len(data[1][0]), 'human', len(data[0][0]),
        '; dev texts', len(dev_idx), '; tokens', {y: int(data[y][1].sum()) for y in (0, 1)})
    results['train_texts'] = {'machine': len(fit[1]), 'human': len(fit[0])}
    results['train_tokens'] = {'machine': int(data[1][1].sum()), 'human': int(data[0][1].sum())}
    dev_rows = [train_rows[i] for i in dev_idx]
    dev_ids = [tr_ids[i] for i in dev_idx]
    if not SMOKE:
        dev_ids = [x[:512] for x in dev_ids]

    checks = [c for c in CHECKS if c <= STEPS] if not SMOKE else [5, 10]
    trials, best = [], None
    for lr in LRS:
        if time.time() - T0 > DEADLINE:
            log('deadline: lr', lr, 'not tried')
            break
        snaps = {}
        t1 = time.time()
        for y, name in ((1, 'M'), (0, 'H')):
            def keep(step, params, loss, name=name):
                snaps.setdefault(step, {})[name] = (params, loss)
            train(base, data[y][0], data[y][1], lr, checks, keep)
        log(f'lr {lr}: trained both in {time.time() - t1:.1f}s')
        for step in checks:
            pm, lm = snaps[step]['M']
            ph, lh = snaps[step]['H']
            sc = [text_scores(s) for s in score({'base': base_dev, 'M': pm, 'H': ph}, dev_ids, cos, sin)]
            row = {'lr': lr, 'steps': step, 'loss_M': lm, 'loss_H': lh,
                   **{c: mean_auroc(dev_rows, sc, c) for c in ('ratio', 'binoculars_MH', 'binoculars_HM', 'likelihood_M')}}
            trials.append(row)
            log('dev', json.dumps(row))
            if best is None or row['ratio'] > best[0]['ratio']:
                best = (row, pm, ph)
        del snaps
    results['dev_trials'] = trials
    row, pm, ph = best
    results['chosen'] = row
    log('chosen', json.dumps(row))
    for name, p, what in (('machine', pm, 'machine'), ('human', ph, 'human')):
        md = {'producer': 'detectgpt-models/pair/train-pair.py', 'base': 'detectgpt-en', 'seed': str(SEED),
              'lr': str(row['lr']), 'steps': str(row['steps']), 'batch': f'{BATCH}x{CTX}',
              'data': f'English train mix, {what} texts (detectgpt-models/pair/prep.py)'}
        write_safetensors(os.path.join(OUT, f'detectgpt-en-{name}.safetensors'), {k: p[k] for k in base}, md)
    # validation, all texts, every criterion
    t1 = time.time()
    stats = score({'base': base_dev, 'M': pm, 'H': ph}, va_ids, cos, sin)
    sc = [text_scores(s) for s in stats]
    log(f'validation scored in {time.time() - t1:.1f}s')
    results.update(summarize(valid_rows, sc))
    with lzma.open(os.path.join(OUT, 'valid-scores.jsonl.xz'), 'wt') as f:
        for r, s in zip(valid_rows, sc):
            f.write(json.dumps({'f': r['f'], 'y': r['y'], **s}) + '\n')
    json.dump(results, open(os.path.join(OUT, 'pair-results.json'), 'w'), indent=1)
    log('done')


if __name__ == '__main__':
    main()
