package org.detectgpt.model;

import java.util.Arrays;
import org.detectgpt.util.Args;

/** Decoding from a causal model. */
public final class Generation {
    private Generation() {}

    /**
     * Greedy decoding: appends, {@code steps} times, the id with the largest logit (the lowest id
     * on ties) after the whole sequence so far. Stops early at the context length.
     *
     * @param lm the model
     * @param prompt at least one id
     * @param steps tokens to add
     * @return prompt followed by the generated ids
     */
    public static int[] greedy(CausalLm lm, int[] prompt, int steps) {
        Args.check(prompt.length > 0, "greedy decoding needs a prompt");
        int[] seq = Arrays.copyOf(prompt, prompt.length + steps);
        int len = prompt.length;
        float[] row = new float[lm.vocabSize()];
        for (int s = 0; s < steps && len < lm.contextLength(); s++) {
            HiddenStates h = lm.forward(Arrays.copyOf(seq, len));
            lm.logits(h, len - 1, len, row);
            int best = 0;
            for (int v = 1; v < row.length; v++) {
                if (row[v] > row[best]) {
                    best = v;
                }
            }
            seq[len++] = best;
        }
        return Arrays.copyOf(seq, len);
    }
}
