package org.detectgpt.model.arch;

import java.nio.file.Path;
import org.detectgpt.model.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.io.TensorSource;
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
     * @param info identity
     * @param tok tokenizer
     * @param c the {@code config.json}
     * @param src tensors
     * @param origin folder for error messages
     * @return the model
     * @throws ModelFormatException on a missing key or tensor, a mis-shaped tensor or an unknown
     *     activation
     */
    public static Gpt2Model load(ModelInfo info, Tokenizer tok, ModelConfig c, TensorSource src, Path origin)
            throws ModelFormatException {
        int d = c.requireInt("n_embd", "hidden_size");
        int layers = c.requireInt("n_layer", "num_hidden_layers");
        int heads = c.requireInt("n_head", "num_attention_heads");
        int ctx = c.requireInt("n_positions", "n_ctx", "max_position_embeddings");
        int vocab = c.requireInt("vocab_size");
        int inner = c.has("n_inner") ? c.requireInt("n_inner") : 4 * d;
        int hd = headDim(c, d, heads);
        Activation act = activation(c, "activation_function", "gelu_new");
        double eps = c.doubleOr("layer_norm_epsilon", 1e-5);
        boolean scaleAttn = c.boolOr("scale_attn_weights", true);
        boolean scaleByLayer = c.boolOr("scale_attn_by_inverse_layer_idx", false);
        Weights w = new Weights(src, origin, src.contains("transformer.wte.weight") ? "transformer." : "");
        float[] wte = w.get("wte.weight", vocab, d);
        PreLnBlock[] blocks = new PreLnBlock[layers];
        for (int i = 0; i < layers; i++) {
            String p = "h." + i + ".";
            double scale = (scaleAttn ? 1.0 / Math.sqrt(hd) : 1.0) / (scaleByLayer ? i + 1 : 1);
            SelfAttention attn = SelfAttention.fused(new SelfAttention.Spec(heads, heads, hd, null, scale, 0),
                w.conv1d(p + "attn.c_attn", d, 3 * d), SelfAttention.Layout.BLOCKS, w.conv1d(p + "attn.c_proj", d, d));
            blocks[i] = PreLnBlock.sequential(w.layerNorm(p + "ln_1", d, eps), attn, w.layerNorm(p + "ln_2", d, eps),
                new Mlp(w.conv1d(p + "mlp.c_fc", d, inner), act, w.conv1d(p + "mlp.c_proj", inner, d)));
        }
        Weights top = w.withPrefix("");
        Linear head = top.head("lm_head", !top.has("lm_head.weight"), wte, vocab, d);
        return new Gpt2Model(info, tok, ctx, head,
            new Stack(wte, d, w.get("wpe.weight", ctx, d), 0, blocks, w.layerNorm("ln_f", d, eps)));
    }
}
