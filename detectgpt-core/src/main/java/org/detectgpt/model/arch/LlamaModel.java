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
    /** One layer; q/k/v and gate/up are stacked, one product each ({@link Linear#stacked}). */
    private record Block(float[] attnNorm, Linear qkv, Linear o, float[] ffnNorm, Linear gateUp, Linear down) {}

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
                w.stacked(new String[] {p + "self_attn.q_proj", p + "self_attn.k_proj", p + "self_attn.v_proj"}, d,
                    new int[] {qOut, kvOut, kvOut}, spec.qkvBias()),
                w.linear(p + "self_attn.o_proj", qOut, d, spec.oBias()),
                w.get(p + "post_attention_layernorm.weight", d),
                w.stacked(new String[] {p + "mlp.gate_proj", p + "mlp.up_proj"}, d, new int[] {ff, ff},
                    spec.mlpBias()),
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
        int kvOut = spec.kvHeads() * spec.headDim();
        int ff = spec.intermediate();
        float[] x = embed(embedding, d, p.ids());
        double scale = 1.0 / Math.sqrt(spec.headDim());
        // the layers' activations, reused from layer to layer: products into fresh arrays ran
        // slower (benchmarks/README.md, "Native scratch and attention blocks")
        float[] h = new float[t * d];
        float[][] qkv = {new float[t * spec.heads() * spec.headDim()], new float[t * kvOut], new float[t * kvOut]};
        float[][] gu = {new float[t * ff], new float[t * ff]};
        float[] y = new float[t * d];
        for (int l = 0; l < blocks.length; l++) {
            Block b = blocks[l];
            System.arraycopy(x, 0, h, 0, h.length);
            b.qkv().applySplitInto(Norm.rms(h, b.attnNorm(), spec.eps()), t, qkv);
            p.rope(spec.rope(), qkv[0], spec.heads());
            p.rope(spec.rope(), qkv[1], spec.kvHeads());
            float[] a = p.attend(l, qkv[0], qkv[1], qkv[2], spec.heads(), spec.kvHeads(), spec.headDim(), scale,
                spec.slidingWindow());
            b.o().applyInto(a, t, y);
            addInPlace(x, y);
            System.arraycopy(x, 0, h, 0, h.length);
            b.gateUp().applySplitInto(Norm.rms(h, b.ffnNorm(), spec.eps()), t, gu);
            spec.activation().gateInPlace(gu[0], gu[1]);
            b.down().applyInto(gu[0], t, y);
            addInPlace(x, y);
        }
        return Norm.rms(x, finalNorm, spec.eps());
    }
}
