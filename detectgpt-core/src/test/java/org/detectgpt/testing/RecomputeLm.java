package org.detectgpt.testing;

import org.detectgpt.model.CausalLm;
import org.detectgpt.model.HiddenStates;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.tokenize.Tokenizer;

/**
 * A model seen only through {@link CausalLm}'s required methods, so that decoding and batches take
 * the interface's defaults: every append recomputes the whole sequence, every batch runs one
 * sequence at a time. The reference the cached and packed paths are tested against.
 */
public final class RecomputeLm implements CausalLm {
    private final CausalLm lm;

    public RecomputeLm(CausalLm lm) {
        this.lm = lm;
    }

    @Override
    public ModelInfo info() {
        return lm.info();
    }

    @Override
    public Tokenizer tokenizer() {
        return lm.tokenizer();
    }

    @Override
    public int vocabSize() {
        return lm.vocabSize();
    }

    @Override
    public int contextLength() {
        return lm.contextLength();
    }

    @Override
    public HiddenStates forward(int[] ids) {
        return lm.forward(ids);
    }

    @Override
    public void logits(HiddenStates hidden, int from, int to, float[] out) {
        lm.logits(hidden, from, to, out);
    }
}
