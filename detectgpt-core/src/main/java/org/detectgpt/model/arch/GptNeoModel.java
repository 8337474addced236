package org.detectgpt.model.arch;

import com.fasterxml.jackson.databind.JsonNode;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.tokenize.Tokenizer;

/**
 * GPT-Neo ({@code GPTNeoForCausalLM}, Black et al. 2021; DetectGPT's and Fast-DetectGPT's
 * GPT-Neo-2.7B): GPT-2's sequential pre-LayerNorm blocks with learned positions, but separate q/k/v
 * projections without bias (out projection with bias), nn.Linear MLP weights, and <b>no</b>
 * {@code 1/√hd} scaling of the scores. Layers alternate as {@code attention_types} says between
 * global attention and local attention over the last {@code window_size} positions
 * ({@code q − window < k ≤ q}, HF's {@code tril(ones) xor tril(ones, −window)}).
 */
public final class GptNeoModel extends PreLnDecoder {
    private GptNeoModel(ModelInfo info, Tokenizer tok, int context, Linear head, Stack stack) {
        super(info, tok, context, head, stack);
    }

    /**
     * Builds GPT-Neo from {@code hidden_size}, {@code num_layers}, {@code num_heads},
     * {@code attention_types} and {@code window_size}, and the {@code transformer.h.N.attn.attention.*} tensors.
     *
     * @param info identity
     * @param tok tokenizer
     * @param c the {@code config.json} ({@code model_type} {@code gpt_neo})
     * @param ckpt tensors, their folder and how to hold them
     * @return the model
     * @throws ModelFormatException on a missing key or tensor, a mis-shaped tensor, an unknown
     *     activation or malformed {@code attention_types}
     */
    public static GptNeoModel load(ModelInfo info, Tokenizer tok, ModelConfig c, Checkpoint ckpt)
            throws ModelFormatException {
        Dims dims = Dims.read(c,
            new String[] {"hidden_size", "num_layers", "num_heads", "max_position_embeddings"}, 0);
        int d = dims.d();
        int inner = c.has("intermediate_size") ? c.requireInt("intermediate_size") : 4 * d;
        boolean[] local = localLayers(c, dims.layers());
        int window = c.requireInt("window_size");
        Activation act = activation(c, "activation_function", "gelu_new");
        double eps = c.doubleOr("layer_norm_epsilon", 1e-5);
        Weights w = new Weights(ckpt, "transformer.");
        float[] wte = w.get("wte.weight", dims.vocab(), d);
        PreLnBlock[] blocks = new PreLnBlock[dims.layers()];
        for (int i = 0; i < dims.layers(); i++) {
            String p = "h." + i + ".";
            String a = p + "attn.attention.";
            // GPT-Neo was trained without the 1/sqrt(hd) factor: scale 1
            SelfAttention.Spec spec = new SelfAttention.Spec(dims.heads(), dims.heads(), dims.headDim(), null, 1.0,
                local[i] ? window : 0);
            SelfAttention attn = SelfAttention.separate(spec, w.linear(a + "q_proj", d, d, false),
                w.linear(a + "k_proj", d, d, false), w.linear(a + "v_proj", d, d, false),
                w.linear(a + "out_proj", d, d, true));
            blocks[i] = PreLnBlock.sequential(w.layerNorm(p + "ln_1", d, eps), attn, w.layerNorm(p + "ln_2", d, eps),
                new Mlp(w.linear(p + "mlp.c_fc", d, inner, true), act, w.linear(p + "mlp.c_proj", inner, d, true)));
        }
        Linear head = w.withPrefix("").head("lm_head", c.boolOr("tie_word_embeddings", true), wte, dims.vocab(), d);
        return new GptNeoModel(info, tok, dims.context(), head,
            new Stack(wte, d, w.get("wpe.weight", dims.context(), d), 0, blocks, w.layerNorm("ln_f", d, eps)));
    }

    /**
     * Expands {@code attention_types}, a list of {@code [[types...], repeat]}, into one flag per
     * layer (true = local), as {@code GPTNeoConfig.expand_attention_types_params}.
     */
    private static boolean[] localLayers(ModelConfig c, int layers) throws ModelFormatException {
        JsonNode spec = c.json().get("attention_types");
        if (spec == null || !spec.isArray()) {
            throw c.error("has no \"attention_types\" list");
        }
        boolean[] local = new boolean[layers];
        int n = 0;
        for (JsonNode item : spec) {
            JsonNode types = item.path(0);
            JsonNode repeat = item.path(1);
            if (!types.isArray() || !repeat.canConvertToInt() || repeat.asInt() < 0) {
                throw c.error("attention_types entry " + item + " is not [[types...], repeat]");
            }
            for (int r = 0; r < repeat.asInt(); r++) {
                for (JsonNode t : types) {
                    boolean isLocal = t.asText().equals("local");
                    if (!isLocal && !t.asText().equals("global")) {
                        throw c.error("unsupported attention type " + t + " (supported: global, local)");
                    }
                    if (n >= layers) {
                        throw c.error("attention_types lists more layers than num_layers " + layers);
                    }
                    local[n++] = isLocal;
                }
            }
        }
        if (n != layers) {
            throw c.error("attention_types lists " + n + " layers but num_layers is " + layers);
        }
        return local;
    }
}
