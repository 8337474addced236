package org.detectgpt.model.arch;

import org.detectgpt.model.nn.Linear;
import org.detectgpt.model.nn.Rope;

/**
 * The attention half of a decoder block:
 * {@code out(Attention.causal(rope(q), rope(k), v))} with q, k, v projected from the block input
 * either by three matrices or by one fused matrix whose output row is split by a {@link Layout}.
 * The geometry (heads, grouped kv heads, scale, window, rotary) is an {@link Spec}.
 */
final class SelfAttention {
    /** Where q, k and v sit in one row of a fused projection's output. */
    enum Layout {
        /**
         * {@code [q of all heads | k of all kv heads | v of all kv heads]}: GPT-2's {@code c_attn}
         * (kv heads = heads) and Falcon-7B's multi-query {@code query_key_value} (one kv head,
         * HF's {@code view(T, heads + 2, hd)}).
         */
        BLOCKS,
        /**
         * Per head {@code [q_h | k_h | v_h]}: GPT-NeoX's {@code query_key_value}, HF's
         * {@code view(T, heads, 3·hd)} (kv heads = heads).
         */
        PER_HEAD
    }

    /**
     * @param heads query heads
     * @param kvHeads key/value heads (divides heads)
     * @param headDim size of one head
     * @param rope rotary embedding applied to q and k, or null for none
     * @param scale multiplier of the scores ({@code 1/√hd}, or 1 for GPT-Neo)
     * @param window sliding window in positions, 0 for full causal attention
     */
    record Spec(int heads, int kvHeads, int headDim, Rope rope, double scale, int window) {
        int qWidth() {
            return heads * headDim;
        }

        int kvWidth() {
            return kvHeads * headDim;
        }
    }

    private final Spec spec;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear fused;
    private final Layout layout;
    private final Linear out;

    private SelfAttention(Spec spec, Linear q, Linear k, Linear v, Linear fused, Layout layout, Linear out) {
        this.spec = spec;
        this.q = q;
        this.k = k;
        this.v = v;
        this.fused = fused;
        this.layout = layout;
        this.out = out;
    }

    /** Attention with separate q, k and v projections. */
    static SelfAttention separate(Spec spec, Linear q, Linear k, Linear v, Linear out) {
        return new SelfAttention(spec, q, k, v, null, null, out);
    }

    /** Attention with one fused q/k/v projection laid out as {@code layout}. */
    static SelfAttention fused(Spec spec, Linear qkv, Layout layout, Linear out) {
        if (layout == Layout.PER_HEAD && spec.kvHeads() != spec.heads()) {
            throw new IllegalArgumentException("a per-head fused projection needs as many kv heads as heads");
        }
        return new SelfAttention(spec, null, null, null, qkv, layout, out);
    }

    /**
     * @param h the normalised block input, row-major {@code [rows × d]}
     * @param pack the sequences the rows belong to
     * @param layer the block's index (its slot in the key/value caches)
     * @return the attention output after the out projection, {@code [rows × d]}
     */
    float[] apply(float[] h, Pack pack, int layer) {
        int rows = pack.totalRows();
        float[] qs;
        float[] ks;
        float[] vs;
        if (fused == null) {
            qs = q.apply(h, rows);
            ks = k.apply(h, rows);
            vs = v.apply(h, rows);
        } else {
            qs = new float[rows * spec.qWidth()];
            ks = new float[rows * spec.kvWidth()];
            vs = new float[rows * spec.kvWidth()];
            split(fused.apply(h, rows), rows, qs, ks, vs);
        }
        if (spec.rope() != null) {
            pack.rope(spec.rope(), qs, spec.heads());
            pack.rope(spec.rope(), ks, spec.kvHeads());
        }
        return out.apply(pack.attend(layer, qs, ks, vs, spec.heads(), spec.kvHeads(), spec.headDim(),
            spec.scale(), spec.window()), rows);
    }

    private void split(float[] qkv, int rows, float[] qs, float[] ks, float[] vs) {
        int qw = spec.qWidth();
        int kvw = spec.kvWidth();
        int width = qw + 2 * kvw;
        int hd = spec.headDim();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            if (layout == Layout.BLOCKS) {
                System.arraycopy(qkv, o, qs, r * qw, qw);
                System.arraycopy(qkv, o + qw, ks, r * kvw, kvw);
                System.arraycopy(qkv, o + qw + kvw, vs, r * kvw, kvw);
            } else {
                for (int h = 0; h < spec.heads(); h++) {
                    int src = o + 3 * h * hd;
                    int dst = r * qw + h * hd;
                    System.arraycopy(qkv, src, qs, dst, hd);
                    System.arraycopy(qkv, src + hd, ks, dst, hd);
                    System.arraycopy(qkv, src + 2 * hd, vs, dst, hd);
                }
            }
        }
    }
}
