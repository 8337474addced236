package org.detectgpt.model.arch;

import org.detectgpt.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.tokenize.Tokenizer;

/**
 * OPT ({@code OPTForCausalLM}, Zhang et al. 2022; DetectGPT's OPT-2.7B): learned positions read
 * at row {@code t + 2} (OPT's offset), sequential pre-LayerNorm blocks with biased q/k/v/out
 * projections (q scaled by {@code hd^−½}), a {@code fc1}/{@code fc2} MLP (ReLU), a final decoder
 * LayerNorm and the embedding as head. Tensor names start with {@code model.decoder.} (or
 * {@code decoder.}, as some original checkpoints have them).
 *
 * <p>Not supported, and refused: {@code do_layer_norm_before=false} (OPT-350M's post-LayerNorm
 * blocks), {@code word_embed_proj_dim ≠ hidden_size} (OPT-350M's project_in/out),
 * {@code layer_norm_elementwise_affine=false} and {@code _remove_final_layer_norm=true}.
 */
public final class OptModel extends PreLnDecoder {
    /** OPT's learned positions start at row 2 (rows 0 and 1 were reserved for padding). */
    private static final int POSITION_OFFSET = 2;

    private OptModel(ModelInfo info, Tokenizer tok, int context, Linear head, Stack stack) {
        super(info, tok, context, head, stack);
    }

    /**
     * Builds OPT from the standard size keys and {@code ffn_dim}, and the
     * {@code model.decoder.layers.N.*} tensors.
     *
     * @param info identity
     * @param tok tokenizer
     * @param c the {@code config.json} ({@code model_type} {@code opt})
     * @param ckpt tensors, their folder and how to hold them
     * @return the model
     * @throws ModelFormatException on a missing key or tensor, a mis-shaped tensor, an unknown
     *     activation or an unsupported layout option
     */
    public static OptModel load(ModelInfo info, Tokenizer tok, ModelConfig c, Checkpoint ckpt)
            throws ModelFormatException {
        Dims dims = Dims.read(c, Dims.HF_NAMES, 0);
        int d = dims.d();
        int ffn = c.requireInt("ffn_dim");
        if (!c.boolOr("do_layer_norm_before", true)) {
            throw c.error("do_layer_norm_before=false (OPT-350M's post-LayerNorm blocks) is not supported");
        }
        if (c.has("word_embed_proj_dim") && c.requireInt("word_embed_proj_dim") != d) {
            throw c.error("word_embed_proj_dim " + c.requireInt("word_embed_proj_dim") + " differs from hidden_size "
                + d + " (OPT-350M's project_in/out): not supported");
        }
        if (!c.boolOr("layer_norm_elementwise_affine", true)) {
            throw c.error("layer_norm_elementwise_affine=false is not supported");
        }
        if (c.boolOr("_remove_final_layer_norm", false)) {
            throw c.error("_remove_final_layer_norm=true is not supported");
        }
        Activation act = activation(c, "activation_function", "relu");
        boolean bias = c.boolOr("enable_bias", true);
        double eps = 1e-5; // nn.LayerNorm's default: OPT's config has no epsilon
        int hd = dims.headDim();
        SelfAttention.Spec spec = new SelfAttention.Spec(dims.heads(), dims.heads(), hd, null, 1.0 / Math.sqrt(hd), 0);
        String prefix = ckpt.tensors().contains("decoder.embed_tokens.weight") ? "decoder." : "model.decoder.";
        Weights w = new Weights(ckpt, prefix);
        float[] emb = w.get("embed_tokens.weight", dims.vocab(), d);
        PreLnBlock[] blocks = new PreLnBlock[dims.layers()];
        for (int i = 0; i < dims.layers(); i++) {
            String p = "layers." + i + ".";
            String a = p + "self_attn.";
            SelfAttention attn = SelfAttention.separate(spec, w.linear(a + "q_proj", d, d, bias),
                w.linear(a + "k_proj", d, d, bias), w.linear(a + "v_proj", d, d, bias),
                w.linear(a + "out_proj", d, d, bias));
            blocks[i] = PreLnBlock.sequential(w.layerNorm(p + "self_attn_layer_norm", d, eps), attn,
                w.layerNorm(p + "final_layer_norm", d, eps),
                new Mlp(w.linear(p + "fc1", d, ffn, bias), act, w.linear(p + "fc2", ffn, d, bias)));
        }
        Linear head = w.withPrefix("").head("lm_head", c.boolOr("tie_word_embeddings", true), emb, dims.vocab(), d);
        return new OptModel(info, tok, dims.context(), head, new Stack(emb, d,
            w.get("embed_positions.weight", dims.context() + POSITION_OFFSET, d), POSITION_OFFSET, blocks,
            w.layerNorm("final_layer_norm", d, eps)));
    }
}
