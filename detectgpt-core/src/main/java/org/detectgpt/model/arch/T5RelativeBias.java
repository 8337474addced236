package org.detectgpt.model.arch;

/**
 * T5's relative position bias (Raffel et al. 2020, §2.1): a learned scalar per head and
 * bucket of the offset {@code k − q} between a key and a query position, added to the attention
 * logits. One table lives in the first block of each stack and is shared by its later blocks;
 * cross-attention has none.
 *
 * <p>Buckets, as {@code _relative_position_bucket} in transformers: with {@code n} buckets
 * (halved in the bidirectional encoder, where positive offsets take the upper half) and offset
 * {@code r = |k − q|} (the encoder) or {@code r = max(q − k, 0)} (the causal decoder), the
 * first {@code n/2} buckets are exact ({@code r < n/2}); larger offsets fall in
 * {@code n/2 + ⌊ln(r / (n/2)) / ln(maxDistance / (n/2)) · (n − n/2)⌋}, capped at
 * {@code n − 1}. Computed in double (transformers uses float32; the two agree except where the
 * logarithm lands within float32 rounding of an integer, which the tested configurations avoid).
 */
final class T5RelativeBias {
    private final float[] table;
    private final int buckets;
    private final int maxDistance;
    private final int heads;
    private final boolean bidirectional;

    /**
     * @param table the {@code relative_attention_bias.weight}, row-major {@code [buckets × heads]}
     * @param bidirectional true for the encoder, false for the decoder
     */
    T5RelativeBias(float[] table, int buckets, int maxDistance, int heads, boolean bidirectional) {
        this.table = table;
        this.buckets = buckets;
        this.maxDistance = maxDistance;
        this.heads = heads;
        this.bidirectional = bidirectional;
    }

    /**
     * @param relative the offset {@code key − query}
     * @param bidirectional whether positive offsets get their own buckets
     * @param numBuckets buckets in all
     * @param maxDistance the distance of the last bucket
     * @return the bucket
     */
    static int bucket(int relative, boolean bidirectional, int numBuckets, int maxDistance) {
        int n = numBuckets;
        int base = 0;
        int r;
        if (bidirectional) {
            n /= 2;
            base = relative > 0 ? n : 0;
            r = Math.abs(relative);
        } else {
            r = Math.max(-relative, 0);
        }
        int maxExact = n / 2;
        if (r < maxExact) {
            return base + r;
        }
        int large = maxExact + (int) (Math.log((double) r / maxExact) / Math.log((double) maxDistance / maxExact)
            * (n - maxExact));
        return base + Math.min(large, n - 1);
    }

    /**
     * The bias of query positions {@code [qStart, qStart + qRows)} against key positions
     * {@code [0, kRows)}.
     *
     * @return row-major {@code [heads × qRows × kRows]}, the layout {@code Attention.attend} takes
     */
    float[] bias(int qStart, int qRows, int kRows) {
        float[] out = new float[heads * qRows * kRows];
        for (int i = 0; i < qRows; i++) {
            for (int j = 0; j < kRows; j++) {
                int b = bucket(j - (qStart + i), bidirectional, buckets, maxDistance);
                for (int h = 0; h < heads; h++) {
                    out[(h * qRows + i) * kRows + j] = table[b * heads + h];
                }
            }
        }
        return out;
    }
}
