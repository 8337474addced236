package org.detectgpt.model.arch;

import org.detectgpt.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.model.nn.Rope;
import org.detectgpt.tokenize.Tokenizer;

/**
 * GPT-NeoX ({@code GPTNeoXForCausalLM}, Black et al. 2022; GPT-NeoX-20B, the Pythia models): a
 * fused {@code query_key_value} laid out per head ({@link SelfAttention.Layout#PER_HEAD}); rotary
 * embedding on the first {@code ⌊rotary_pct · hd⌋} dimensions of each head in the
 * {@code rotate_half} pairing with base {@code rotary_emb_base} ({@code rope_theta}); scores
 * scaled by {@code 1/√hd}; with {@code use_parallel_residual} (the default)
 * {@code x + attn(ln1(x)) + mlp(ln2(x))}, else sequential; an untied {@code embed_out}.
 * {@code rope_scaling} is refused.
 */
public final class GptNeoxModel extends PreLnDecoder {
    private GptNeoxModel(ModelInfo info, Tokenizer tok, int context, Linear head, Stack stack) {
        super(info, tok, context, head, stack);
    }

    /**
     * Builds GPT-NeoX from the standard size keys, {@code rotary_pct}, {@code rotary_emb_base} and
     * {@code use_parallel_residual}, and the {@code gpt_neox.layers.N.*} tensors.
     *
     * @param info identity
     * @param tok tokenizer
     * @param c the {@code config.json} ({@code model_type} {@code gpt_neox})
     * @param ckpt tensors, their folder and how to hold them
     * @return the model
     * @throws ModelFormatException on a missing key or tensor, a mis-shaped tensor, an unknown
     *     activation, an invalid rotary width or a {@code rope_scaling}
     */
    public static GptNeoxModel load(ModelInfo info, Tokenizer tok, ModelConfig c, Checkpoint ckpt)
            throws ModelFormatException {
        Dims dims = Dims.read(c, Dims.HF_NAMES, 0);
        int d = dims.d();
        int hd = dims.headDim();
        int inner = c.requireInt("intermediate_size");
        refuseRopeScaling(c);
        double pct = c.doubleOr("rotary_pct", c.doubleOr("partial_rotary_factor", 0.25));
        int rot = rotaryDim(c, "rotary_pct " + pct, (int) (hd * pct), hd);
        double theta = c.doubleOr("rope_theta", c.doubleOr("rotary_emb_base", 10000.0));
        Activation act = activation(c, "hidden_act", "gelu");
        double eps = c.doubleOr("layer_norm_eps", 1e-5);
        boolean parallel = c.boolOr("use_parallel_residual", true);
        boolean bias = c.boolOr("attention_bias", true);
        SelfAttention.Spec spec = new SelfAttention.Spec(dims.heads(), dims.heads(), hd,
            Rope.standard(hd, rot, theta, Rope.Pairing.HALF, 1.0), 1.0 / Math.sqrt(hd), 0);
        Weights w = new Weights(ckpt, "gpt_neox.");
        float[] emb = w.get("embed_in.weight", dims.vocab(), d);
        PreLnBlock[] blocks = new PreLnBlock[dims.layers()];
        for (int i = 0; i < dims.layers(); i++) {
            String p = "layers." + i + ".";
            SelfAttention attn = SelfAttention.fused(spec, w.linear(p + "attention.query_key_value", d, 3 * d, bias),
                SelfAttention.Layout.PER_HEAD, w.linear(p + "attention.dense", d, d, bias));
            LayerNorm ln1 = w.layerNorm(p + "input_layernorm", d, eps);
            LayerNorm ln2 = w.layerNorm(p + "post_attention_layernorm", d, eps);
            Mlp mlp = new Mlp(w.linear(p + "mlp.dense_h_to_4h", d, inner, true), act,
                w.linear(p + "mlp.dense_4h_to_h", inner, d, true));
            blocks[i] = parallel ? PreLnBlock.parallel(ln1, attn, ln2, mlp)
                : PreLnBlock.sequential(ln1, attn, ln2, mlp);
        }
        Linear head = w.withPrefix("").head("embed_out", c.boolOr("tie_word_embeddings", false), emb, dims.vocab(), d);
        return new GptNeoxModel(info, tok, dims.context(), head,
            new Stack(emb, d, null, 0, blocks, w.layerNorm("final_layer_norm", d, eps)));
    }
}
