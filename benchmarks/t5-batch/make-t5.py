"""Writes a T5 checkpoint of a real T5's shape with random weights, for timing only.

No real T5 can be fetched here (Hugging Face is unreachable), and a T5's cost does not depend
on its weights' values: a random T5 of t5-small's or t5-base's shape takes as long per encoded
and per generated token as the real one (its fills are nonsense and it never writes the
sentinels, so every target runs to the filler's max length, as a real T5's do on a 500-word
essay: ~40 spans of 2 words plus sentinels fill the 150 tokens).

The tokenizer is a Unigram model like T5's: 32,000 pieces (the words of the two English sample
texts, so they tokenize about a word a piece as T5's does, then filler pieces) and 100 sentinels.

Usage: python3 benchmarks/t5-batch/make-t5.py small|base OUT_DIR
"""
import json, os, re, struct, sys
import numpy as np

SHAPES = {  # as google's t5-small / t5-base configs (original T5: ReLU, tied embeddings)
    "small": dict(d_model=512, d_kv=64, d_ff=2048, num_layers=6, num_heads=8),
    "base": dict(d_model=768, d_kv=64, d_ff=3072, num_layers=12, num_heads=12),
}
VOCAB = 32100
kind, out = sys.argv[1], sys.argv[2]
s = SHAPES[kind]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20240101)
d, inner, ff, L = s["d_model"], s["d_kv"] * s["num_heads"], s["d_ff"], s["num_layers"]
t = {"shared.weight": (VOCAB, d)}
for side in ("encoder", "decoder"):
    for i in range(L):
        p = f"{side}.block.{i}.layer."
        for w in "qkv":
            t[f"{p}0.SelfAttention.{w}.weight"] = (inner, d)
        t[f"{p}0.SelfAttention.o.weight"] = (d, inner)
        if i == 0:
            t[f"{p}0.SelfAttention.relative_attention_bias.weight"] = (32, s["num_heads"])
        t[f"{p}0.layer_norm.weight"] = (d,)
        ffn = 1
        if side == "decoder":
            for w in "qkv":
                t[f"{p}1.EncDecAttention.{w}.weight"] = (inner, d)
            t[f"{p}1.EncDecAttention.o.weight"] = (d, inner)
            t[f"{p}1.layer_norm.weight"] = (d,)
            ffn = 2
        t[f"{p}{ffn}.DenseReluDense.wi.weight"] = (ff, d)
        t[f"{p}{ffn}.DenseReluDense.wo.weight"] = (d, ff)
        t[f"{p}{ffn}.layer_norm.weight"] = (d,)
    t[f"{side}.final_layer_norm.weight"] = (d,)
header, blobs, off = {}, [], 0
for name, shape in sorted(t.items()):
    a = (np.ones(shape) if name.endswith("layer_norm.weight") else rng.normal(0, 0.05, shape)).astype("<f4")
    b = a.tobytes()
    header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [off, off + len(b)]}
    blobs.append(b)
    off += len(b)
h = json.dumps(header).encode()
h += b" " * (-len(h) % 8)
with open(os.path.join(out, "model.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(h)))
    f.write(h)
    for b in blobs:
        f.write(b)
config = {"architectures": ["T5ForConditionalGeneration"], "model_type": "t5", "vocab_size": VOCAB,
          "d_model": d, "d_kv": s["d_kv"], "d_ff": ff, "num_layers": L, "num_decoder_layers": L,
          "num_heads": s["num_heads"], "relative_attention_num_buckets": 32,
          "relative_attention_max_distance": 128, "layer_norm_epsilon": 1e-6, "feed_forward_proj": "relu",
          "tie_word_embeddings": True, "pad_token_id": 0, "eos_token_id": 1, "decoder_start_token_id": 0,
          "is_encoder_decoder": True, "torch_dtype": "float32"}
json.dump(config, open(os.path.join(out, "config.json"), "w"), indent=2)
here = os.path.dirname(os.path.abspath(__file__))
words = []
for name in ("human-story-writingprompts.md", "machine-story-gpt-4o.txt"):
    for w in re.findall(r"\w+|[^\w\s]", open(os.path.join(here, "../../examples", name), encoding="utf-8").read()):
        if "▁" + w not in words:
            words.append("▁" + w)
pieces = [["<pad>", 0.0], ["</s>", 0.0], ["<unk>", 0.0], ["▁", -3.0]]
pieces += [[w, -5.0] for w in words]
pieces += [[c, -8.0] for c in "abcdefghijklmnopqrstuvwxyz.,'\"!?;:-"]
k = 0
while len(pieces) < VOCAB - 100:
    pieces.append([f"▁zz{k}", -12.0])
    k += 1
sentinels = [f"<extra_id_{i}>" for i in range(99, -1, -1)]
pieces += [[x, 0.0] for x in sentinels]
added = [{"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
          "special": True} for i, c in enumerate(["<pad>", "</s>", "<unk>"])]
added += [{"id": VOCAB - 100 + j, "content": c, "single_word": False, "lstrip": False, "rstrip": False,
           "normalized": False, "special": True} for j, c in enumerate(sentinels)]
tok = json.load(open(os.path.join(here, "../../detectgpt-core/src/test/resources/fixtures/hf-tiny/t5-tiny/tokenizer.json")))
tok["added_tokens"] = added
tok["model"]["vocab"] = pieces
tok["model"]["unk_id"] = 2
json.dump(tok, open(os.path.join(out, "tokenizer.json"), "w"), ensure_ascii=False)
print(f"wrote {out}: t5-{kind} shape, {off / 1e6:.0f} MB of random float32 weights, {len(words)} sample words")
