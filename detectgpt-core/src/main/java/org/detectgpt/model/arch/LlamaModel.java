package org.detectgpt.model.arch;

import org.detectgpt.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.model.nn.Norm;
import org.detectgpt.tokenize.Tokenizer;

/**
 * The Llama family in Hugging Face's layout ({@code LlamaForCausalLM}, {@code MistralForCausalLM},
 * {@code Qwen2ForCausalLM}): pre-RMSNorm blocks of rotary grouped-query attention and a gated FFN
 * {@code down(act(gate(x)) · up(x))}, a final RMSNorm, and an untied {@code lm_head} or the
 * embedding as head. Tensor names are those of transformers ({@code model.layers.N.self_attn.q_proj.weight},
 * ...). Rotary pairs follow {@code rotate_half}; llama2.c checkpoints are permuted to it on load.
 */
public final class LlamaModel extends DecoderLm {
    private record Block(float[] attnNorm, Linear q, Linear k, Linear v, Linear o, float[] ffnNorm,
            Linear gate, Linear up, Linear down) {}

    private final LlamaSpec spec;
    private final float[] embedding;
    private final Block[] blocks;
    private final float[] finalNorm;

    private LlamaModel(ModelInfo info, Tokenizer tok, LlamaSpec spec, float[] embedding, Block[] blocks,
            float[] finalNorm, Linear head) {
        super(info, tok, spec.context(), head);
        this.spec = spec;
        this.embedding = embedding;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
    }

    /**
     * Builds the model from tensors named as in transformers.
     *
     * @param info identity
     * @param tok tokenizer
     * @param spec hyper-parameters
     * @param ckpt tensors, their file or folder and how to hold them
     * @return the model
     * @throws ModelFormatException if a tensor is missing or mis-shaped
     */
    public static LlamaModel load(ModelInfo info, Tokenizer tok, LlamaSpec spec, Checkpoint ckpt)
            throws ModelFormatException {
        Weights w = new Weights(ckpt, "model.");
        int d = spec.hidden();
        int hd = spec.headDim();
        int qOut = spec.heads() * hd;
        int kvOut = spec.kvHeads() * hd;
        int ff = spec.intermediate();
        int vocab = spec.vocab();
        float[] emb = w.get("embed_tokens.weight", vocab, d);
        Block[] blocks = new Block[spec.layers()];
        for (int i = 0; i < blocks.length; i++) {
            String p = "layers." + i + ".";
            blocks[i] = new Block(w.get(p + "input_layernorm.weight", d),
                w.linear(p + "self_attn.q_proj", d, qOut, spec.qkvBias()),
                w.linear(p + "self_attn.k_proj", d, kvOut, spec.qkvBias()),
                w.linear(p + "self_attn.v_proj", d, kvOut, spec.qkvBias()),
                w.linear(p + "self_attn.o_proj", qOut, d, spec.oBias()),
                w.get(p + "post_attention_layernorm.weight", d),
                w.linear(p + "mlp.gate_proj", d, ff, spec.mlpBias()),
                w.linear(p + "mlp.up_proj", d, ff, spec.mlpBias()),
                w.linear(p + "mlp.down_proj", ff, d, spec.mlpBias()));
        }
        float[] norm = w.get("norm.weight", d);
        Weights top = w.withPrefix("");
        Linear head = top.head("lm_head", !top.has("lm_head.weight"), emb, vocab, d);
        return new LlamaModel(info, tok, spec, emb, blocks, norm, head);
    }

    @Override
    float[] hidden(Pack p) {
        int t = p.totalRows();
        int d = spec.hidden();
        float[] x = embed(embedding, d, p.ids());
        double scale = 1.0 / Math.sqrt(spec.headDim());
        for (int l = 0; l < blocks.length; l++) {
            Block b = blocks[l];
            float[] h = Norm.rms(x.clone(), b.attnNorm(), spec.eps());
            float[] q = b.q().apply(h, t);
            float[] k = b.k().apply(h, t);
            float[] v = b.v().apply(h, t);
            p.rope(spec.rope(), q, spec.heads());
            p.rope(spec.rope(), k, spec.kvHeads());
            float[] a = p.attend(l, q, k, v, spec.heads(), spec.kvHeads(), spec.headDim(), scale,
                spec.slidingWindow());
            addInPlace(x, b.o().apply(a, t));
            h = Norm.rms(x.clone(), b.ffnNorm(), spec.eps());
            float[] g = b.gate().apply(h, t);
            float[] u = b.up().apply(h, t);
            spec.activation().gateInPlace(g, u);
            addInPlace(x, b.down().apply(g, t));
        }
        return Norm.rms(x, finalNorm, spec.eps());
    }
}
