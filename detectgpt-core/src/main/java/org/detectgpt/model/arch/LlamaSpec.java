package org.detectgpt.model.arch;

import com.fasterxml.jackson.databind.JsonNode;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Rope;

/**
 * Hyper-parameters of the Llama family (Llama 2/3, Mistral, Qwen2) as the engine needs them.
 *
 * @param vocab rows of the embedding
 * @param hidden model width
 * @param intermediate FFN width
 * @param layers decoder blocks
 * @param heads query heads
 * @param kvHeads key/value heads
 * @param headDim head size (may differ from hidden / heads)
 * @param eps RMSNorm epsilon
 * @param rope the rotary embedding
 * @param context most positions per forward pass
 * @param qkvBias whether q/k/v projections have biases (Qwen2; Llama's {@code attention_bias})
 * @param oBias whether the output projection has a bias (Llama's {@code attention_bias})
 * @param mlpBias whether the FFN projections have biases
 * @param activation the FFN gate activation
 * @param slidingWindow Mistral's window, 0 for none
 */
public record LlamaSpec(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
        int headDim, double eps, Rope rope, int context, boolean qkvBias, boolean oBias, boolean mlpBias,
        Activation activation, int slidingWindow) {

    /**
     * Reads a {@code llama}, {@code mistral} or {@code qwen2} {@code config.json}.
     *
     * @throws ModelFormatException on a missing key, an inconsistent head layout, or an option the
     *     engine does not implement (a rope scaling other than llama3/linear, Qwen2's sliding
     *     window)
     */
    public static LlamaSpec fromConfig(ModelConfig c) throws ModelFormatException {
        String type = c.modelType();
        int hidden = c.requireInt("hidden_size");
        int heads = c.requireInt("num_attention_heads");
        int kvHeads = c.has("num_key_value_heads") ? c.requireInt("num_key_value_heads") : heads;
        if (heads % kvHeads != 0) {
            throw c.error("num_attention_heads " + heads + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        int headDim = c.has("head_dim") ? c.requireInt("head_dim") : hidden / heads;
        if (!c.has("head_dim") && hidden % heads != 0) {
            throw c.error("hidden_size " + hidden + " is not a multiple of num_attention_heads " + heads);
        }
        if (headDim % 2 != 0) {
            throw c.error("head_dim " + headDim + " must be even for rotary embeddings");
        }
        double theta = c.doubleOr("rope_theta", 10000.0);
        Rope rope = rope(c, headDim, theta);
        String act = c.stringOr("hidden_act", "silu");
        Activation activation = Activation.forName(act);
        if (activation == null) {
            throw c.error("unsupported hidden_act '" + act + "'");
        }
        boolean qwen = type.equals("qwen2");
        boolean attnBias = c.boolOr("attention_bias", false);
        int window = 0;
        if (type.equals("mistral") && c.has("sliding_window")) {
            window = c.requireInt("sliding_window");
        }
        if (qwen && c.boolOr("use_sliding_window", false)) {
            throw c.error("Qwen2 use_sliding_window=true is not supported");
        }
        return new LlamaSpec(c.requireInt("vocab_size"), hidden, c.requireInt("intermediate_size"),
            c.requireInt("num_hidden_layers"), heads, kvHeads, headDim, c.doubleOr("rms_norm_eps", 1e-6), rope,
            c.requireInt("max_position_embeddings"), qwen || attnBias, attnBias, c.boolOr("mlp_bias", false),
            activation, window);
    }

    private static Rope rope(ModelConfig c, int headDim, double theta) throws ModelFormatException {
        JsonNode s = c.json().get("rope_scaling");
        if (s == null || s.isNull()) {
            return Rope.standard(headDim, headDim, theta, Rope.Pairing.HALF, 1.0);
        }
        String type = s.has("rope_type") ? s.get("rope_type").asText() : s.path("type").asText("");
        double factor = s.path("factor").asDouble(1.0);
        switch (type) {
            case "default":
                return Rope.standard(headDim, headDim, theta, Rope.Pairing.HALF, 1.0);
            case "linear":
                return Rope.standard(headDim, headDim, theta, Rope.Pairing.HALF, factor);
            case "llama3":
                if (!s.has("low_freq_factor") || !s.has("high_freq_factor")
                        || !s.has("original_max_position_embeddings")) {
                    throw c.error("rope_scaling of type llama3 needs low_freq_factor, high_freq_factor "
                        + "and original_max_position_embeddings");
                }
                return Rope.llama3(headDim, theta, factor, s.get("low_freq_factor").asDouble(),
                    s.get("high_freq_factor").asDouble(), s.get("original_max_position_embeddings").asDouble());
            default:
                throw c.error("unsupported rope_scaling type '" + type + "' (supported: linear, llama3)");
        }
    }
}
