package org.detectgpt.model.arch;

import org.detectgpt.model.CausalLm;
import org.detectgpt.model.HiddenStates;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.tokenize.Tokenizer;
import org.detectgpt.util.Args;

/**
 * What every decoder-only architecture shares: identity, tokenizer, input checks, and the output
 * head that turns hidden rows into logits. Subclasses implement the transformer stack.
 */
abstract class DecoderLm implements CausalLm {
    private final ModelInfo info;
    private final Tokenizer tokenizer;
    private final int contextLength;
    private final Linear head;

    DecoderLm(ModelInfo info, Tokenizer tokenizer, int contextLength, Linear head) {
        this.info = info;
        this.tokenizer = tokenizer;
        this.contextLength = contextLength;
        this.head = head;
    }

    @Override
    public final ModelInfo info() {
        return info;
    }

    @Override
    public final Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public final int vocabSize() {
        return head.out();
    }

    @Override
    public final int contextLength() {
        return contextLength;
    }

    @Override
    public final HiddenStates forward(int[] ids) {
        Args.check(ids.length > 0, "cannot run %s on an empty sequence", info.name());
        Args.check(ids.length <= contextLength, "%d tokens exceed the context of %s (%d)",
            ids.length, info.name(), contextLength);
        int v = vocabSize();
        for (int id : ids) {
            Args.check(id >= 0 && id < v, "token id %d outside the vocabulary of %s (%d)", id, info.name(), v);
        }
        return new HiddenStates(hidden(ids), ids.length, head.in());
    }

    /**
     * @param ids a checked, non-empty sequence within the context
     * @return final-normalised hidden states, row-major {@code [T × hidden]}
     */
    abstract float[] hidden(int[] ids);

    @Override
    public final void logits(HiddenStates hidden, int from, int to, float[] out) {
        Args.check(0 <= from && from <= to && to <= hidden.rows(), "rows [%d, %d) of %d", from, to, hidden.rows());
        int w = hidden.width();
        float[] rows = new float[(to - from) * w];
        System.arraycopy(hidden.data(), from * w, rows, 0, rows.length);
        head.applyInto(rows, to - from, out);
    }

    /** Gathers embedding rows: {@code [T × d]}. */
    static float[] embed(float[] table, int d, int[] ids) {
        float[] x = new float[ids.length * d];
        for (int t = 0; t < ids.length; t++) {
            System.arraycopy(table, ids[t] * d, x, t * d, d);
        }
        return x;
    }

    /** {@code x += y}, element-wise. */
    static void addInPlace(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }
}
