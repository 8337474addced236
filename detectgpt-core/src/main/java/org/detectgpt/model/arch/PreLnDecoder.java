package org.detectgpt.model.arch;

import com.fasterxml.jackson.databind.JsonNode;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.tokenize.Tokenizer;

/**
 * The forward pass GPT-style decoders share: token embeddings, plus learned positions if the
 * model has them ({@code wpe[t + offset]}), a stack of {@link PreLnBlock}s, a final LayerNorm.
 * Subclasses only read their configuration and tensors into a {@link Stack}; the rotary models
 * carry their positions in {@link SelfAttention.Spec#rope()} instead.
 */
abstract class PreLnDecoder extends DecoderLm {
    /**
     * @param tokens token embeddings {@code [vocab × d]}
     * @param d model width
     * @param positions learned position embeddings {@code [rows × d]}, or null
     * @param positionOffset row of position 0 in {@code positions} (OPT: 2)
     * @param blocks the decoder blocks
     * @param finalNorm the norm before the head
     */
    record Stack(float[] tokens, int d, float[] positions, int positionOffset, PreLnBlock[] blocks,
            LayerNorm finalNorm) {}

    /**
     * The sizes every GPT-style configuration gives, each family under its own key names.
     *
     * @param d model width
     * @param layers decoder blocks
     * @param heads attention heads
     * @param headDim {@code d / heads}
     * @param context most positions per forward pass
     * @param vocab rows of the embedding ({@code vocab_size})
     */
    record Dims(int d, int layers, int heads, int headDim, int context, int vocab) {
        /** The key names of most newer families (GPT-NeoX, OPT, Falcon). */
        static final String[] HF_NAMES = {"hidden_size", "num_hidden_layers", "num_attention_heads",
            "max_position_embeddings"};

        /**
         * @param c the configuration
         * @param keys the keys of width, layers, heads and context, each a {@code |}-separated list
         *     of alternatives, first present wins
         * @param defaultContext the context when its key is absent, or 0 to require it
         */
        static Dims read(ModelConfig c, String[] keys, int defaultContext) throws ModelFormatException {
            int d = c.requireInt(keys[0].split("\\|"));
            int heads = c.requireInt(keys[2].split("\\|"));
            String[] ctxKeys = keys[3].split("\\|");
            boolean hasCtx = java.util.Arrays.stream(ctxKeys).anyMatch(c::has);
            int ctx = hasCtx || defaultContext == 0 ? c.requireInt(ctxKeys) : defaultContext;
            return new Dims(d, c.requireInt(keys[1].split("\\|")), heads, PreLnDecoder.headDim(c, d, heads), ctx,
                c.requireInt("vocab_size"));
        }
    }

    private final Stack stack;

    PreLnDecoder(ModelInfo info, Tokenizer tok, int context, Linear head, Stack stack) {
        super(info, tok, context, head);
        this.stack = stack;
    }

    @Override
    final float[] hidden(Pack p) {
        int d = stack.d();
        float[] x = embed(stack.tokens(), d, p.ids());
        if (stack.positions() != null) {
            p.addPositions(x, d, stack.positions(), stack.positionOffset());
        }
        PreLnBlock[] blocks = stack.blocks();
        for (int l = 0; l < blocks.length; l++) {
            blocks[l].apply(x, p, l);
        }
        return stack.finalNorm().apply(x);
    }

    /** @return {@code d / heads}, refusing a width the heads do not divide */
    static int headDim(ModelConfig c, int d, int heads) throws ModelFormatException {
        if (d % heads != 0) {
            throw c.error("hidden size " + d + " is not a multiple of the " + heads + " attention heads");
        }
        return d / heads;
    }

    /** @return the activation named at {@code key} (default {@code def}), refusing unknown names */
    static Activation activation(ModelConfig c, String key, String def) throws ModelFormatException {
        String name = c.stringOr(key, def);
        Activation a = Activation.forName(name);
        if (a == null) {
            throw c.error("unsupported " + key + " '" + name + "'");
        }
        return a;
    }

    /** Refuses a {@code rope_scaling} the engine does not implement for this architecture. */
    static void refuseRopeScaling(ModelConfig c) throws ModelFormatException {
        JsonNode s = c.json().get("rope_scaling");
        if (s != null && !s.isNull()) {
            throw c.error("rope_scaling " + s + " is not supported for " + c.modelType() + " (only null)");
        }
    }

    /** @return the rotary width {@code r}, refusing an odd one or one wider than the head */
    static int rotaryDim(ModelConfig c, String key, int r, int headDim) throws ModelFormatException {
        if (r % 2 != 0 || r <= 0 || r > headDim) {
            throw c.error(key + " gives a rotary width of " + r + "; it must be even and within the head size "
                + headDim);
        }
        return r;
    }
}
