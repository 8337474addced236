#!/usr/bin/env python3
"""PyTorch reference for the race: Fast-DetectGPT's per-token statistics of a Llama checkpoint.

    fast_stats.py MODEL_DIR --threads T --runs R --out STATS.bin

Reads MODEL_DIR/config.json, model.safetensors (F32) and ids.bin (8 x 512 int32), runs the Llama
forward pass written out below in plain PyTorch (the Hugging Face layout and rotate-half RoPE; no
transformers package in Debian), and per position t computes from the logits l of token t+1:
log p(x_{t+1}), the rank of x_{t+1} (1 = most likely), the entropy, mu = sum p log p and
sigma^2 = sum p (log p)^2 - mu^2 (the analytic sampling discrepancy terms of Fast-DetectGPT,
Bao et al. 2024, with the same model sampling and scoring), as the authors' code does: one
log_softmax over the vocabulary, then reductions.

Times batch 1 (one 512-token sequence per call, cycling over the 8) and batch 8 (all eight in one
call), R runs each after one warm-up, and prints one JSON line per batch size with the median
seconds and tokens/s. Writes the statistics of the batch-8 run to STATS.bin: float64 little
endian, [8][511][5] = (logprob, rank, entropy, mu, sigma^2).
"""
import argparse
import json
import statistics
import struct
import time
from pathlib import Path

import numpy as np
import torch


def load_safetensors(path):
    raw = Path(path).read_bytes()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    out = {}
    for name, h in header.items():
        if name == "__metadata__":
            continue
        assert h["dtype"] == "F32", name
        a, b = h["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(raw, dtype="<f4", count=(b - a) // 4, offset=base + a)
                                     .reshape(h["shape"]).copy())
    return out


class Llama:
    def __init__(self, cfg, w):
        self.cfg, self.w = cfg, w
        self.heads = cfg["num_attention_heads"]
        self.kv = cfg.get("num_key_value_heads", self.heads)
        self.hd = cfg["hidden_size"] // self.heads
        self.eps = cfg["rms_norm_eps"]
        inv = 1.0 / (cfg.get("rope_theta", 10000.0) ** (torch.arange(0, self.hd, 2, dtype=torch.float32) / self.hd))
        pos = torch.arange(cfg["max_position_embeddings"], dtype=torch.float32)
        freqs = torch.outer(pos, inv)
        emb = torch.cat([freqs, freqs], dim=-1)
        self.cos, self.sin = emb.cos(), emb.sin()

    def norm(self, x, weight):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * weight

    @staticmethod
    def rotate_half(x):
        h = x.shape[-1] // 2
        return torch.cat([-x[..., h:], x[..., :h]], dim=-1)

    def forward(self, ids):
        b, t = ids.shape
        w = self.w
        x = w["model.embed_tokens.weight"][ids]
        cos, sin = self.cos[:t], self.sin[:t]
        mask = torch.full((t, t), float("-inf")).triu(1)
        for i in range(self.cfg["num_hidden_layers"]):
            p = f"model.layers.{i}."
            h = self.norm(x, w[p + "input_layernorm.weight"])
            q = (h @ w[p + "self_attn.q_proj.weight"].T).view(b, t, self.heads, self.hd).transpose(1, 2)
            k = (h @ w[p + "self_attn.k_proj.weight"].T).view(b, t, self.kv, self.hd).transpose(1, 2)
            v = (h @ w[p + "self_attn.v_proj.weight"].T).view(b, t, self.kv, self.hd).transpose(1, 2)
            q = q * cos + self.rotate_half(q) * sin
            k = k * cos + self.rotate_half(k) * sin
            if self.kv != self.heads:
                k = k.repeat_interleave(self.heads // self.kv, dim=1)
                v = v.repeat_interleave(self.heads // self.kv, dim=1)
            att = torch.softmax(q @ k.transpose(-1, -2) / self.hd ** 0.5 + mask, dim=-1)
            o = (att @ v).transpose(1, 2).reshape(b, t, -1)
            x = x + o @ w[p + "self_attn.o_proj.weight"].T
            h = self.norm(x, w[p + "post_attention_layernorm.weight"])
            g = torch.nn.functional.silu(h @ w[p + "mlp.gate_proj.weight"].T) * (h @ w[p + "mlp.up_proj.weight"].T)
            x = x + g @ w[p + "mlp.down_proj.weight"].T
        x = self.norm(x, w["model.norm.weight"])
        return x @ w["lm_head.weight"].T


def statistics_of(logits, ids):
    """[b, t, V] logits of positions 0..t-1 and the ids -> [b, t-1, 5] statistics."""
    logits = logits[:, :-1].float()
    lp = torch.log_softmax(logits, dim=-1)
    target = ids[:, 1:].unsqueeze(-1)
    ll = lp.gather(-1, target).squeeze(-1)
    rank = (logits > logits.gather(-1, target)).sum(-1) + 1  # on logits: log_softmax's rounding makes ties
    p = lp.exp()
    mu = (p * lp).sum(-1)
    var = (p * lp.square()).sum(-1) - mu.square()
    return torch.stack([ll.double(), rank.double(), -mu.double(), mu.double(), var.double()], dim=-1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    d = Path(a.model)
    cfg = json.loads((d / "config.json").read_text())
    model = Llama(cfg, load_safetensors(d / "model.safetensors"))
    ids = torch.from_numpy(np.fromfile(d / "ids.bin", dtype="<i4").reshape(8, -1).astype(np.int64))

    def score(batch):
        with torch.inference_mode():
            return statistics_of(model.forward(batch), batch)

    for label, batches in (("batch1", [ids[i:i + 1] for i in range(ids.shape[0])]), ("batch8", [ids])):
        score(batches[0])  # warm-up
        times = []
        for r in range(a.runs):
            batch = batches[r % len(batches)]
            t0 = time.perf_counter()
            stats = score(batch)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        tokens = batches[0].numel()
        print(json.dumps({"engine": "pytorch", "torch": torch.__version__, "threads": a.threads, "mode": label,
                          "tokens": tokens, "runs": a.runs, "median_s": round(med, 4),
                          "tokens_per_s": round(tokens / med, 1)}), flush=True)
    stats.numpy().astype("<f8").tofile(a.out)


if __name__ == "__main__":
    main()
