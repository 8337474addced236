package org.detectgpt.model.arch;

import org.detectgpt.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.tokenize.Tokenizer;

/**
 * GPT-2 ({@code GPT2LMHeadModel}, Radford et al. 2019): learned positions, sequential
 * pre-LayerNorm blocks with a fused {@code c_attn} (q | k | v) and a GELU MLP, a final LayerNorm,
 * the embedding as head. Scores are scaled by {@code 1/√hd} (unless {@code scale_attn_weights} is
 * false) and by {@code 1/(layer + 1)} with {@code scale_attn_by_inverse_layer_idx}.
 * {@code Conv1D} weights are stored {@code [in × out]}, the layout the matmul wants. Tensor names
 * are accepted with or without the {@code transformer.} prefix (the official {@code gpt2} repo
 * has none).
 */
public final class Gpt2Model extends PreLnDecoder {
    private Gpt2Model(ModelInfo info, Tokenizer tok, int context, Linear head, Stack stack) {
        super(info, tok, context, head, stack);
    }

    /**
     * Builds GPT-2 from {@code n_embd}, {@code n_layer}, {@code n_head}, {@code n_positions} (or their
     * newer names) and the {@code h.N.attn.c_attn} / {@code mlp.c_fc} tensors.
     *
     * @param info identity
     * @param tok tokenizer
     * @param c the {@code config.json}
     * @param ckpt tensors, their folder and how to hold them
     * @return the model
     * @throws ModelFormatException on a missing key or tensor, a mis-shaped tensor or an unknown
     *     activation
     */
    public static Gpt2Model load(ModelInfo info, Tokenizer tok, ModelConfig c, Checkpoint ckpt)
            throws ModelFormatException {
        Dims dims = Dims.read(c, new String[] {"n_embd|hidden_size", "n_layer|num_hidden_layers",
            "n_head|num_attention_heads", "n_positions|n_ctx|max_position_embeddings"}, 0);
        int d = dims.d();
        int hd = dims.headDim();
        int inner = c.has("n_inner") ? c.requireInt("n_inner") : 4 * d;
        Activation act = activation(c, "activation_function", "gelu_new");
        double eps = c.doubleOr("layer_norm_epsilon", 1e-5);
        boolean scaleAttn = c.boolOr("scale_attn_weights", true);
        boolean scaleByLayer = c.boolOr("scale_attn_by_inverse_layer_idx", false);
        Weights w = new Weights(ckpt, ckpt.tensors().contains("transformer.wte.weight") ? "transformer." : "");
        float[] wte = w.get("wte.weight", dims.vocab(), d);
        PreLnBlock[] blocks = new PreLnBlock[dims.layers()];
        for (int i = 0; i < dims.layers(); i++) {
            String p = "h." + i + ".";
            double scale = (scaleAttn ? 1.0 / Math.sqrt(hd) : 1.0) / (scaleByLayer ? i + 1 : 1);
            SelfAttention.Spec spec = new SelfAttention.Spec(dims.heads(), dims.heads(), hd, null, scale, 0);
            SelfAttention attn = SelfAttention.fused(spec,
                w.conv1d(p + "attn.c_attn", d, 3 * d), SelfAttention.Layout.BLOCKS, w.conv1d(p + "attn.c_proj", d, d));
            blocks[i] = PreLnBlock.sequential(w.layerNorm(p + "ln_1", d, eps), attn, w.layerNorm(p + "ln_2", d, eps),
                new Mlp(w.conv1d(p + "mlp.c_fc", d, inner), act, w.conv1d(p + "mlp.c_proj", inner, d)));
        }
        Weights top = w.withPrefix("");
        Linear head = top.head("lm_head", !top.has("lm_head.weight"), wte, dims.vocab(), d);
        return new Gpt2Model(info, tok, dims.context(), head,
            new Stack(wte, d, w.get("wpe.weight", dims.context(), d), 0, blocks, w.layerNorm("ln_f", d, eps)));
    }
}
