package org.detectgpt.model.arch;

import org.detectgpt.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.model.nn.Rope;
import org.detectgpt.tokenize.Tokenizer;

/**
 * GPT-J ({@code GPTJForCausalLM}, Wang and Komatsuzaki 2021; Fast-DetectGPT's GPT-J-6B): parallel
 * blocks {@code x + attn(ln(x)) + mlp(ln(x))} sharing one LayerNorm; separate q/k/v/out
 * projections without bias; rotary embedding on the first {@code rotary_dim} dimensions of each
 * head with <b>adjacent</b> pairs ({@code rotate_every_two}, θ = 10000), the rest untouched;
 * scores scaled by {@code 1/√hd}; {@code fc_in}/{@code fc_out} MLP; an untied {@code lm_head}
 * with bias.
 */
public final class GptjModel extends PreLnDecoder {
    private GptjModel(ModelInfo info, Tokenizer tok, int context, Linear head, Stack stack) {
        super(info, tok, context, head, stack);
    }

    /**
     * Builds GPT-J from {@code n_embd}, {@code n_layer}, {@code n_head}, {@code n_positions} and
     * {@code rotary_dim}, and the {@code transformer.h.N.attn.*} / {@code mlp.fc_in} tensors.
     *
     * @param info identity
     * @param tok tokenizer
     * @param c the {@code config.json} ({@code model_type} {@code gptj})
     * @param ckpt tensors, their folder and how to hold them
     * @return the model
     * @throws ModelFormatException on a missing key or tensor, a mis-shaped tensor, an unknown
     *     activation or an invalid {@code rotary_dim}
     */
    public static GptjModel load(ModelInfo info, Tokenizer tok, ModelConfig c, Checkpoint ckpt)
            throws ModelFormatException {
        Dims dims = Dims.read(c, new String[] {"n_embd", "n_layer", "n_head", "n_positions"}, 0);
        int d = dims.d();
        int hd = dims.headDim();
        int inner = c.has("n_inner") ? c.requireInt("n_inner") : 4 * d;
        // rotary_dim null means the whole head rotates (GPTJAttention)
        int rot = rotaryDim(c, "rotary_dim", c.has("rotary_dim") ? c.requireInt("rotary_dim") : hd, hd);
        double eps = c.doubleOr("layer_norm_epsilon", 1e-5);
        Activation act = activation(c, "activation_function", "gelu_new");
        SelfAttention.Spec spec = new SelfAttention.Spec(dims.heads(), dims.heads(), hd,
            Rope.standard(hd, rot, 10000.0, Rope.Pairing.ADJACENT, 1.0), 1.0 / Math.sqrt(hd), 0);
        Weights w = new Weights(ckpt, "transformer.");
        float[] wte = w.get("wte.weight", dims.vocab(), d);
        PreLnBlock[] blocks = new PreLnBlock[dims.layers()];
        for (int i = 0; i < dims.layers(); i++) {
            String p = "h." + i + ".";
            SelfAttention attn = SelfAttention.separate(spec, w.linear(p + "attn.q_proj", d, d, false),
                w.linear(p + "attn.k_proj", d, d, false), w.linear(p + "attn.v_proj", d, d, false),
                w.linear(p + "attn.out_proj", d, d, false));
            blocks[i] = PreLnBlock.parallel(w.layerNorm(p + "ln_1", d, eps), attn, null,
                new Mlp(w.linear(p + "mlp.fc_in", d, inner, true), act, w.linear(p + "mlp.fc_out", inner, d, true)));
        }
        Linear head = w.withPrefix("").head("lm_head", c.boolOr("tie_word_embeddings", false), wte, dims.vocab(), d);
        return new GptjModel(info, tok, dims.context(), head,
            new Stack(wte, d, null, 0, blocks, w.layerNorm("ln_f", d, eps)));
    }
}
