package org.detectgpt.model.arch;

import org.detectgpt.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.model.nn.Rope;
import org.detectgpt.tokenize.Tokenizer;

/**
 * Falcon in the Falcon-7B layout ({@code FalconForCausalLM}, Almazrouei et al. 2023; Binoculars'
 * Falcon-7B and Falcon-7B-instruct): multi-query attention from a fused {@code query_key_value}
 * = [H query heads | 1 key head | 1 value head] ({@link SelfAttention.Layout#BLOCKS}), rotary
 * embedding over the whole head in the {@code rotate_half} pairing (θ = {@code rope_theta}),
 * scores scaled by {@code 1/√hd}; parallel blocks {@code x + attn(ln(x)) + mlp(ln(x))} sharing
 * one LayerNorm; biases only where {@code bias} says; the embedding as head unless untied.
 *
 * <p>Not supported, and refused rather than computed wrongly: {@code new_decoder_architecture}
 * (Falcon-40B/180B: grouped kv heads, two LayerNorms), {@code alibi} (Falcon-RW),
 * {@code multi_query=false}, {@code parallel_attn=false},
 * {@code apply_residual_connection_post_layernorm=true} and {@code rope_scaling}.
 */
public final class FalconModel extends PreLnDecoder {
    private FalconModel(ModelInfo info, Tokenizer tok, int context, Linear head, Stack stack) {
        super(info, tok, context, head, stack);
    }

    /**
     * Builds Falcon-7B-style models from the standard size keys and {@code ffn_hidden_size}, after
     * refusing the variants it does not implement, and the {@code transformer.h.N.*} tensors.
     *
     * @param info identity
     * @param tok tokenizer
     * @param c the {@code config.json} ({@code model_type} {@code falcon})
     * @param ckpt tensors, their folder and how to hold them
     * @return the model
     * @throws ModelFormatException on a missing key or tensor, a mis-shaped tensor, an unknown
     *     activation or a Falcon variant other than the Falcon-7B layout
     */
    public static FalconModel load(ModelInfo info, Tokenizer tok, ModelConfig c, Checkpoint ckpt)
            throws ModelFormatException {
        refuseVariants(c);
        // 2048 is FalconConfig's default: falcon-7b's config.json has no max_position_embeddings
        Dims dims = Dims.read(c, Dims.HF_NAMES, 2048);
        int d = dims.d();
        int hd = dims.headDim();
        int ffn = c.has("ffn_hidden_size") ? c.requireInt("ffn_hidden_size") : 4 * d;
        rotaryDim(c, "the head size", hd, hd);
        Activation act = activation(c, "activation", "gelu");
        double eps = c.doubleOr("layer_norm_epsilon", 1e-5);
        boolean bias = c.boolOr("bias", false);
        SelfAttention.Spec spec = new SelfAttention.Spec(dims.heads(), 1, hd,
            Rope.standard(hd, hd, c.doubleOr("rope_theta", 10000.0), Rope.Pairing.HALF, 1.0), 1.0 / Math.sqrt(hd), 0);
        Weights w = new Weights(ckpt, "transformer.");
        float[] emb = w.get("word_embeddings.weight", dims.vocab(), d);
        PreLnBlock[] blocks = new PreLnBlock[dims.layers()];
        for (int i = 0; i < dims.layers(); i++) {
            String p = "h." + i + ".";
            SelfAttention attn = SelfAttention.fused(spec,
                w.linear(p + "self_attention.query_key_value", d, (dims.heads() + 2) * hd, bias),
                SelfAttention.Layout.BLOCKS, w.linear(p + "self_attention.dense", d, d, bias));
            blocks[i] = PreLnBlock.parallel(w.layerNorm(p + "input_layernorm", d, eps), attn, null,
                new Mlp(w.linear(p + "mlp.dense_h_to_4h", d, ffn, bias), act,
                    w.linear(p + "mlp.dense_4h_to_h", ffn, d, bias)));
        }
        Linear head = w.withPrefix("").head("lm_head", c.boolOr("tie_word_embeddings", true), emb, dims.vocab(), d);
        return new FalconModel(info, tok, dims.context(), head,
            new Stack(emb, d, null, 0, blocks, w.layerNorm("ln_f", d, eps)));
    }

    /** Refuses every Falcon layout but Falcon-7B's, with the option at fault named. */
    private static void refuseVariants(ModelConfig c) throws ModelFormatException {
        if (c.boolOr("new_decoder_architecture", false)) {
            throw c.error("new_decoder_architecture=true (the Falcon-40B/180B layout) is not supported; "
                + "only the Falcon-7B layout is");
        }
        if (c.boolOr("alibi", false)) {
            throw c.error("alibi=true (ALiBi position biases, Falcon-RW) is not supported; only rotary Falcon-7B is");
        }
        if (!c.boolOr("multi_query", true)) {
            throw c.error("multi_query=false is not supported; only Falcon-7B's multi-query attention is");
        }
        if (c.boolOr("apply_residual_connection_post_layernorm", false)) {
            throw c.error("apply_residual_connection_post_layernorm=true is not supported; only Falcon-7B's "
                + "residual from the block input is");
        }
        if (!c.boolOr("parallel_attn", true)) {
            throw c.error("parallel_attn=false is not supported; only Falcon-7B's parallel attention and MLP are");
        }
        refuseRopeScaling(c);
    }
}
