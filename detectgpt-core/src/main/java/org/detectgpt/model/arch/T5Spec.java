package org.detectgpt.model.arch;

import java.util.Locale;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.nn.Activation;

/**
 * Hyper-parameters of a T5 encoder–decoder ({@code T5ForConditionalGeneration}) as the engine
 * needs them, read from its {@code config.json}.
 *
 * <p>{@code feed_forward_proj} is {@code "relu"} for the original T5 (t5-small … t5-11b) and
 * {@code "gated-gelu"} for T5 v1.1 and flan-t5; as in transformers, {@code "gated-ACT"} means the
 * gated FFN {@code wo(act(wi_0 x) · wi_1 x)}, and gated-gelu's activation is the tanh
 * approximation ({@code gelu_new}).
 *
 * @param vocab rows of the shared embedding
 * @param dModel model width
 * @param dKv size of one attention head (heads · dKv may differ from dModel)
 * @param dFf FFN width
 * @param encoderLayers encoder blocks
 * @param decoderLayers decoder blocks
 * @param heads attention heads
 * @param buckets relative position buckets
 * @param maxDistance distance beyond which all positions share the last bucket
 * @param eps RMS layer norm epsilon
 * @param gated whether the FFN is gated (two input projections)
 * @param activation the FFN activation
 * @param tied whether the output head is the shared embedding (then scaled by dModel^-0.5)
 * @param decoderStart the first decoder input ({@code decoder_start_token_id}, the pad id)
 * @param eos the end-of-sequence id
 */
public record T5Spec(int vocab, int dModel, int dKv, int dFf, int encoderLayers, int decoderLayers,
        int heads, int buckets, int maxDistance, double eps, boolean gated, Activation activation,
        boolean tied, int decoderStart, int eos) {

    /** @return heads · dKv, the width of the attention projections */
    public int inner() {
        return heads * dKv;
    }

    /**
     * @param c a {@code config.json} with {@code model_type} t5
     * @return the hyper-parameters
     * @throws ModelFormatException on a missing key or an unsupported {@code feed_forward_proj}
     */
    public static T5Spec fromConfig(ModelConfig c) throws ModelFormatException {
        String proj = c.stringOr("feed_forward_proj", "relu").toLowerCase(Locale.ROOT);
        boolean gated = proj.startsWith("gated-");
        String actName = gated ? proj.substring("gated-".length()) : proj;
        // transformers' T5Config maps "gated-gelu" to gelu_new for backwards compatibility
        Activation act = gated && actName.equals("gelu") ? Activation.GELU_TANH : Activation.forName(actName);
        if (act == null || proj.chars().filter(ch -> ch == '-').count() > 1) {
            throw c.error("unsupported feed_forward_proj '" + proj + "' (expected ACT or gated-ACT)");
        }
        int layers = c.requireInt("num_layers");
        return new T5Spec(c.requireInt("vocab_size"), c.requireInt("d_model"), c.requireInt("d_kv"),
            c.requireInt("d_ff"), layers, c.has("num_decoder_layers") ? c.requireInt("num_decoder_layers") : layers,
            c.requireInt("num_heads"), c.has("relative_attention_num_buckets")
                ? c.requireInt("relative_attention_num_buckets") : 32,
            c.has("relative_attention_max_distance") ? c.requireInt("relative_attention_max_distance") : 128,
            c.doubleOr("layer_norm_epsilon", 1e-6), gated, act, c.boolOr("tie_word_embeddings", true),
            c.intOr("decoder_start_token_id", 0), c.intOr("eos_token_id", 1));
    }
}
