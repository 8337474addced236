package org.detectgpt.model;

import java.util.Arrays;
import org.detectgpt.util.Args;

/**
 * A {@link Decoding} without a cache: every append runs the whole sequence again and keeps the
 * new rows. The fallback for models that have no cache, and the reference the cached path is
 * tested against (the same calls the engine made before it had a cache).
 */
final class RecomputeDecoding implements Decoding {
    private final CausalLm lm;
    private int[] ids = new int[0];

    RecomputeDecoding(CausalLm lm) {
        this.lm = lm;
    }

    @Override
    public int length() {
        return ids.length;
    }

    @Override
    public HiddenStates append(int[] more) {
        Args.check(more.length > 0, "nothing to append");
        int from = ids.length;
        int[] all = Arrays.copyOf(ids, from + more.length);
        System.arraycopy(more, 0, all, from, more.length);
        HiddenStates h = lm.forward(all);
        ids = all;
        int w = h.width();
        return new HiddenStates(Arrays.copyOfRange(h.data(), from * w, all.length * w), more.length, w);
    }

    @Override
    public void truncate(int length) {
        Args.check(length >= 0 && length <= ids.length, "cannot truncate %d positions to %d", ids.length, length);
        ids = Arrays.copyOf(ids, length);
    }

    @Override
    public Decoding copy() {
        RecomputeDecoding c = new RecomputeDecoding(lm);
        c.ids = ids.clone();
        return c;
    }
}
