package org.detectgpt.model.arch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.detectgpt.model.arch.T5Model.Block;
import org.detectgpt.model.arch.T5Model.Encoded;
import org.detectgpt.model.nn.Attention;
import org.detectgpt.util.Args;

/**
 * Incremental decoding of a batch of T5 targets with a key/value cache: each {@link #step} feeds
 * one token per sequence and returns the logits of the next, computing the new position only.
 * Projections and the FFN run as one matrix product over the batch; attention runs per sequence
 * against its own cache and source. Sequences advance in lockstep (all have the same length);
 * finished ones are dropped with {@link #retain}.
 *
 * <p>Mutable and not thread-safe: one decoding, one thread.
 */
public final class T5Decoding {
    private final T5Model m;
    private List<Encoded> sources;
    /** [layer][sequence] → keys / values, row-major {@code [capacity × inner]}. */
    private float[][][] keys;
    private float[][][] values;
    private int length;

    T5Decoding(T5Model m, List<Encoded> sources) {
        this.m = m;
        this.sources = List.copyOf(sources);
        int layers = m.decoderBlocks().length;
        keys = new float[layers][sources.size()][];
        values = new float[layers][sources.size()][];
    }

    /** @return sequences in the batch */
    public int size() {
        return sources.size();
    }

    /** @return decoder inputs consumed so far, the same for every sequence */
    public int length() {
        return length;
    }

    /**
     * Feeds one decoder input per sequence.
     *
     * @param tokens one id per sequence, in batch order
     * @return the next-token logits, row-major {@code [size() × vocabSize]}
     */
    public float[] step(int[] tokens) {
        int b = sources.size();
        Args.check(tokens.length == b, "%d tokens for %d sequences", tokens.length, b);
        for (int t : tokens) {
            Args.check(t >= 0 && t < m.vocabSize(), "token id %d outside the vocabulary (%d)", t, m.vocabSize());
        }
        T5Spec spec = m.spec();
        int inner = spec.inner();
        int kRows = length + 1;
        float[] x = m.embed(tokens);
        float[] bias = m.decoderBias().bias(length, 1, kRows);
        Block[] blocks = m.decoderBlocks();
        for (int l = 0; l < blocks.length; l++) {
            Block blk = blocks[l];
            float[] h = m.norm(x, blk.selfNorm());
            float[] q = blk.self().q().apply(h, b);
            float[] k = blk.self().k().apply(h, b);
            float[] v = blk.self().v().apply(h, b);
            float[] attended = new float[b * inner];
            for (int s = 0; s < b; s++) {
                keys[l][s] = append(keys[l][s], k, s, inner);
                values[l][s] = append(values[l][s], v, s, inner);
                float[] out = Attention.attend(Arrays.copyOfRange(q, s * inner, (s + 1) * inner), keys[l][s],
                    values[l][s], 1, kRows, spec.heads(), spec.heads(), spec.dKv(), 1.0, Attention.Mask.causal(0),
                    bias);
                System.arraycopy(out, 0, attended, s * inner, inner);
            }
            m.finishDecoderBlock(blk, l, x, b, attended, sources, 1);
        }
        length++;
        float[] logits = new float[b * m.vocabSize()];
        m.head().applyInto(m.decoderOutput(x), b, logits);
        return logits;
    }

    /** Writes row {@code s} of {@code rows} at position {@link #length} of the cache, growing it. */
    private float[] append(float[] cache, float[] rows, int s, int inner) {
        float[] c = cache;
        if (c == null || c.length < (length + 1) * inner) {
            int capacity = Math.max(16, 2 * (length + 1));
            c = c == null ? new float[capacity * inner] : Arrays.copyOf(c, capacity * inner);
        }
        System.arraycopy(rows, s * inner, c, length * inner, inner);
        return c;
    }

    /**
     * Keeps only the given sequences, in the given order (their caches stay).
     *
     * @param batchIndices increasing indices into the current batch
     */
    public void retain(int[] batchIndices) {
        List<Encoded> kept = new ArrayList<>(batchIndices.length);
        for (int i : batchIndices) {
            kept.add(sources.get(i));
        }
        for (int l = 0; l < keys.length; l++) {
            keys[l] = pick(keys[l], batchIndices);
            values[l] = pick(values[l], batchIndices);
        }
        sources = kept;
    }

    private static float[][] pick(float[][] a, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int j = 0; j < idx.length; j++) {
            out[j] = a[idx[j]];
        }
        return out;
    }
}
