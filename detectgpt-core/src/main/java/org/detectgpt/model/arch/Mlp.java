package org.detectgpt.model.arch;

import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Linear;

/**
 * The two-layer feed-forward network of GPT-style blocks: {@code down(act(up(x)))}.
 *
 * @param up the widening projection ({@code c_fc}, {@code fc_in}, {@code fc1}, {@code dense_h_to_4h})
 * @param act the activation
 * @param down the narrowing projection
 */
record Mlp(Linear up, Activation act, Linear down) {
    float[] apply(float[] h, int rows) {
        return down.apply(act.applyInPlace(up.apply(h, rows)), rows);
    }
}
