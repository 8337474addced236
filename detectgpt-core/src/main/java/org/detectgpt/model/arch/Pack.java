package org.detectgpt.model.arch;

import java.util.stream.IntStream;
import org.detectgpt.model.nn.Attention;
import org.detectgpt.model.nn.Rope;

/**
 * Several sequences run through a decoder as one: their new rows are stacked into one
 * {@code [rows × d]} matrix, so every projection and MLP is one matrix product for all of them,
 * while rotary embedding, learned positions and attention work per sequence (each attends only to
 * its own cached and new positions: a block-diagonal causal mask, with no padding to compute).
 *
 * @param ids the stacked ids
 * @param offset first row of each sequence
 * @param rows new rows of each sequence
 * @param caches each sequence's cache, or null for a one-off forward pass (keys not kept)
 */
record Pack(int[] ids, int[] offset, int[] rows, KvCache[] caches) {
    /** Most new rows per sequence for which the sequences' attentions run in parallel. */
    static final int PARALLEL_ROWS = 8;

    int size() {
        return offset.length;
    }

    int totalRows() {
        return ids.length;
    }

    /** @return position of sequence b's first new row */
    int start(int b) {
        return caches[b] == null ? 0 : caches[b].length();
    }

    /** Adds learned position embeddings {@code table[(positionOffset + position) · d ...]} to x. */
    void addPositions(float[] x, int d, float[] table, int positionOffset) {
        for (int b = 0; b < size(); b++) {
            int src = (positionOffset + start(b)) * d;
            int dst = offset[b] * d;
            for (int i = 0; i < rows[b] * d; i++) {
                x[dst + i] += table[src + i];
            }
        }
    }

    /** Rotates every sequence's rows of x ({@code heads} heads per row) at their own positions. */
    void rope(Rope r, float[] x, int heads) {
        for (int b = 0; b < size(); b++) {
            r.apply(x, offset[b], rows[b], heads, start(b));
        }
    }

    /**
     * Causal attention of each sequence's new rows over its cached and new positions; stores the
     * new keys and values of layer {@code layer} in the caches.
     *
     * @return row-major {@code [totalRows × heads·hd]}
     */
    float[] attend(int layer, float[] q, float[] k, float[] v, int heads, int kvHeads, int hd, double scale,
            int window) {
        int qw = heads * hd;
        int kvw = kvHeads * hd;
        if (size() == 1 && caches[0] == null) {
            return Attention.causal(q, k, v, rows[0], heads, kvHeads, hd, scale, window);
        }
        float[] out = new float[totalRows() * qw];
        // sequences are independent: with many short ones (decoding steps, Java loops) use every
        // core; long ones run ND4J products that use the cores themselves
        int most = 0;
        for (int r : rows) {
            most = Math.max(most, r);
        }
        Attention.Mask mask = Attention.Mask.causal(window);
        IntStream seqs = IntStream.range(0, size());
        (most <= PARALLEL_ROWS ? seqs.parallel() : seqs).forEach(b -> {
            int n = rows[b];
            if (caches[b] == null) {
                // the sequence's rows read and written in place in the pack's arrays
                int kv = offset[b] * kvw;
                Attention.attendInto(q, offset[b] * qw, k, kv, v, kv, n, n, heads, kvHeads, hd, scale, mask, null,
                    out, offset[b] * qw);
            } else {
                caches[b].put(layer, k, v, offset[b] * kvw, n, kvw);
                Attention.attendInto(q, offset[b] * qw, caches[b].keys(layer), 0, caches[b].values(layer), 0, n,
                    caches[b].length() + n, heads, kvHeads, hd, scale, mask, null, out, offset[b] * qw);
            }
        });
        return out;
    }
}
