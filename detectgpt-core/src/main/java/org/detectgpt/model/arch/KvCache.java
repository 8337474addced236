package org.detectgpt.model.arch;

import java.util.Arrays;
import java.util.List;
import org.detectgpt.model.Decoding;
import org.detectgpt.model.HiddenStates;
import org.detectgpt.util.Args;

/**
 * A decoder's {@link Decoding} with a key/value cache: per layer, the keys and values of every
 * position read so far (after rotary embedding), so that appending ids computes only the new
 * positions, which attend to the cached ones. Grows by doubling up to the model's context.
 */
final class KvCache implements Decoding {
    private final DecoderLm model;
    private float[][] keys = new float[0][];
    private float[][] values = new float[0][];
    private int length;

    KvCache(DecoderLm model) {
        this.model = model;
    }

    DecoderLm model() {
        return model;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public HiddenStates append(int[] ids) {
        return model.appendAll(List.of(this), List.of(ids)).get(0);
    }

    @Override
    public void truncate(int n) {
        Args.check(n >= 0 && n <= length, "cannot truncate %d positions to %d", length, n);
        length = n; // the rows past n are overwritten by the next append
    }

    @Override
    public Decoding copy() {
        KvCache c = new KvCache(model);
        c.keys = new float[keys.length][];
        c.values = new float[values.length][];
        for (int l = 0; l < keys.length; l++) {
            c.keys[l] = keys[l] == null ? null : keys[l].clone();
            c.values[l] = values[l] == null ? null : values[l].clone();
        }
        c.length = length;
        return c;
    }

    /**
     * Stores rows {@code [length, length + rows)} of layer {@code layer} (visible once {@link #advance} runs).
     *
     * @param k keys, {@code rows × width} from {@code kOff}
     * @param v values, likewise
     */
    void put(int layer, float[] k, float[] v, int off, int rows, int width) {
        if (layer >= keys.length) {
            keys = Arrays.copyOf(keys, layer + 1);
            values = Arrays.copyOf(values, layer + 1);
        }
        int need = (length + rows) * width;
        if (keys[layer] == null || keys[layer].length < need) {
            int cap = Math.max(need, keys[layer] == null ? 0 : 2 * keys[layer].length);
            cap = Math.min(cap, Math.max(need, model.contextLength() * width));
            keys[layer] = keys[layer] == null ? new float[cap] : Arrays.copyOf(keys[layer], cap);
            values[layer] = values[layer] == null ? new float[cap] : Arrays.copyOf(values[layer], cap);
        }
        System.arraycopy(k, off, keys[layer], length * width, rows * width);
        System.arraycopy(v, off, values[layer], length * width, rows * width);
    }

    /** @return layer {@code layer}'s keys, at least {@code (length + appended) × width} values */
    float[] keys(int layer) {
        return keys[layer];
    }

    /** @return layer {@code layer}'s values */
    float[] values(int layer) {
        return values[layer];
    }

    /** Makes {@code rows} stored positions part of the sequence, after all layers have stored them. */
    void advance(int rows) {
        length += rows;
    }
}
