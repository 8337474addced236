package org.detectgpt.model.arch;

import java.nio.file.Path;
import org.detectgpt.model.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.io.TensorSource;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Attention;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.model.nn.Norm;
import org.detectgpt.tokenize.Tokenizer;

/**
 * GPT-2 ({@code GPT2LMHeadModel}, Radford et al. 2019): learned positions, pre-LayerNorm blocks
 * with a fused {@code c_attn} (q | k | v) and a GELU MLP, a final LayerNorm, the embedding as head.
 * {@code Conv1D} weights are stored {@code [in × out]}, the layout the matmul wants. Tensor names
 * are accepted with or without the {@code transformer.} prefix (the official {@code gpt2} repo
 * has none).
 */
public final class Gpt2Model extends DecoderLm {
    private record Block(float[] ln1w, float[] ln1b, Linear qkv, Linear proj, float[] ln2w, float[] ln2b,
            Linear fc, Linear fcProj) {}

    private final int d;
    private final int heads;
    private final double eps;
    private final Activation act;
    private final boolean scaleAttn;
    private final boolean scaleByLayer;
    private final float[] wte;
    private final float[] wpe;
    private final Block[] blocks;
    private final float[] lnfW;
    private final float[] lnfB;

    private Gpt2Model(ModelInfo info, Tokenizer tok, int context, Linear head, int d, int heads, double eps,
            Activation act, boolean scaleAttn, boolean scaleByLayer, float[] wte, float[] wpe, Block[] blocks,
            float[] lnfW, float[] lnfB) {
        super(info, tok, context, head);
        this.d = d;
        this.heads = heads;
        this.eps = eps;
        this.act = act;
        this.scaleAttn = scaleAttn;
        this.scaleByLayer = scaleByLayer;
        this.wte = wte;
        this.wpe = wpe;
        this.blocks = blocks;
        this.lnfW = lnfW;
        this.lnfB = lnfB;
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
        if (d % heads != 0) {
            throw c.error("n_embd " + d + " is not a multiple of n_head " + heads);
        }
        String actName = c.stringOr("activation_function", "gelu_new");
        Activation act = Activation.forName(actName);
        if (act == null) {
            throw c.error("unsupported activation_function '" + actName + "'");
        }
        Weights w = new Weights(src, origin, src.contains("transformer.wte.weight") ? "transformer." : "");
        float[] wte = w.get("wte.weight", vocab, d);
        float[] wpe = w.get("wpe.weight", ctx, d);
        Block[] blocks = new Block[layers];
        for (int i = 0; i < layers; i++) {
            String p = "h." + i + ".";
            blocks[i] = new Block(w.get(p + "ln_1.weight", d), w.get(p + "ln_1.bias", d),
                conv(w, p + "attn.c_attn", d, 3 * d), conv(w, p + "attn.c_proj", d, d),
                w.get(p + "ln_2.weight", d), w.get(p + "ln_2.bias", d),
                conv(w, p + "mlp.c_fc", d, inner), conv(w, p + "mlp.c_proj", inner, d));
        }
        Weights top = w.withPrefix("");
        float[] headW = top.has("lm_head.weight") ? top.get("lm_head.weight", vocab, d) : wte;
        return new Gpt2Model(info, tok, ctx, Linear.fromOutIn(headW, null, d, vocab), d, heads,
            c.doubleOr("layer_norm_epsilon", 1e-5), act, c.boolOr("scale_attn_weights", true),
            c.boolOr("scale_attn_by_inverse_layer_idx", false), wte, wpe, blocks,
            w.get("ln_f.weight", d), w.get("ln_f.bias", d));
    }

    private static Linear conv(Weights w, String name, int in, int out) throws ModelFormatException {
        return Linear.fromInOut(w.get(name + ".weight", in, out), w.get(name + ".bias", out), in, out);
    }

    @Override
    float[] hidden(int[] ids) {
        int t = ids.length;
        int hd = d / heads;
        float[] x = embed(wte, d, ids);
        for (int i = 0; i < t * d; i++) {
            x[i] += wpe[i];
        }
        for (int l = 0; l < blocks.length; l++) {
            Block b = blocks[l];
            float[] h = Norm.layer(x, b.ln1w(), b.ln1b(), eps);
            float[] qkv = b.qkv().apply(h, t);
            float[] q = new float[t * d];
            float[] k = new float[t * d];
            float[] v = new float[t * d];
            for (int r = 0; r < t; r++) {
                System.arraycopy(qkv, r * 3 * d, q, r * d, d);
                System.arraycopy(qkv, r * 3 * d + d, k, r * d, d);
                System.arraycopy(qkv, r * 3 * d + 2 * d, v, r * d, d);
            }
            double scale = (scaleAttn ? 1.0 / Math.sqrt(hd) : 1.0) / (scaleByLayer ? l + 1 : 1);
            float[] a = Attention.causal(q, k, v, t, heads, heads, hd, scale, 0);
            addInPlace(x, b.proj().apply(a, t));
            h = Norm.layer(x, b.ln2w(), b.ln2b(), eps);
            addInPlace(x, b.fcProj().apply(act.applyInPlace(b.fc().apply(h, t)), t));
        }
        return Norm.layer(x, lnfW, lnfB, eps);
    }
}
