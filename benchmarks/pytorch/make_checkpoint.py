#!/usr/bin/env python3
"""Writes a random Llama-shaped checkpoint in the Hugging Face layout, and the token ids to race on.

    make_checkpoint.py OUT_DIR TOKENIZER_JSON [--seed S]

OUT_DIR gets config.json, model.safetensors (F32) and tokenizer.json (a copy: the engine loads a
model only with its tokenizer; the race feeds ids, so any tokenizer no larger than the vocabulary
will do), and ids.bin: 8 sequences of 512 little-endian int32 ids, uniform over the vocabulary.

Shape (~58 M parameters): vocabulary 32,000, hidden 512, 8 layers, 8 heads, FFN 1,408, untied
output head. The output head is drawn wider than the rest (std 0.2) so that next-token
distributions are peaked, as a trained model's are: with uniform-looking logits every statistic
sits at log(32000) and the agreement check would prove little.
Only the standard library and NumPy: the safetensors format is a JSON header and raw bytes.
"""
import argparse
import json
import shutil
import struct
from pathlib import Path

import numpy as np

VOCAB, HIDDEN, LAYERS, HEADS, FFN = 32000, 512, 8, 8, 1408
BATCH, LENGTH = 8, 512


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("tokenizer")
    ap.add_argument("--seed", type=int, default=20261129)
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(a.seed)

    def normal(std, *shape):
        return (rng.standard_normal(shape, dtype=np.float32) * std).astype(np.float32)

    t = {"model.embed_tokens.weight": normal(1.0, VOCAB, HIDDEN)}
    for i in range(LAYERS):
        p = f"model.layers.{i}."
        t[p + "input_layernorm.weight"] = 1 + normal(0.1, HIDDEN)
        for m in ("q", "k", "v", "o"):
            t[p + f"self_attn.{m}_proj.weight"] = normal(0.04, HIDDEN, HIDDEN)
        t[p + "post_attention_layernorm.weight"] = 1 + normal(0.1, HIDDEN)
        t[p + "mlp.gate_proj.weight"] = normal(0.04, FFN, HIDDEN)
        t[p + "mlp.up_proj.weight"] = normal(0.04, FFN, HIDDEN)
        t[p + "mlp.down_proj.weight"] = normal(0.03, HIDDEN, FFN)
    t["model.norm.weight"] = 1 + normal(0.1, HIDDEN)
    t["lm_head.weight"] = normal(0.2, VOCAB, HIDDEN)
    write_safetensors(out / "model.safetensors", t)
    config = {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": VOCAB,
        "hidden_size": HIDDEN, "intermediate_size": FFN, "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS, "num_key_value_heads": HEADS, "hidden_act": "silu",
        "max_position_embeddings": 1024, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
        "tie_word_embeddings": False, "torch_dtype": "float32", "bos_token_id": 1, "eos_token_id": 2,
    }
    (out / "config.json").write_text(json.dumps(config, indent=2))
    shutil.copyfile(a.tokenizer, out / "tokenizer.json")
    ids = rng.integers(0, VOCAB, size=(BATCH, LENGTH), dtype=np.int32)
    ids.astype("<i4").tofile(out / "ids.bin")
    params = sum(v.size for v in t.values())
    print(f"checkpoint: {out} ({params / 1e6:.1f} M parameters, seed {a.seed}); ids: {BATCH} x {LENGTH}")


if __name__ == "__main__":
    main()
