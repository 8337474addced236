package org.detectgpt.model.arch;

/**
 * A pre-LayerNorm decoder block, in the two arrangements GPT-style models use.
 *
 * <ul>
 *   <li>Sequential (GPT-2, GPT-Neo, OPT, GPT-NeoX with {@code use_parallel_residual=false}):
 *       {@code x ← x + attn(ln1(x))}, then {@code x ← x + mlp(ln2(x))}.</li>
 *   <li>Parallel (GPT-J, Falcon-7B: one shared LayerNorm; GPT-NeoX: two):
 *       {@code x ← x + attn(ln1(x)) + mlp(ln2(x))}, with {@code ln2 = ln1} when shared.</li>
 * </ul>
 *
 * @param ln1 the norm before attention
 * @param ln2 the norm before the MLP, or null when the block shares {@code ln1} (parallel only)
 * @param parallel whether attention and MLP read the same input
 * @param attn the attention half
 * @param mlp the feed-forward half
 */
record PreLnBlock(LayerNorm ln1, LayerNorm ln2, boolean parallel, SelfAttention attn, Mlp mlp) {
    /** {@code x + attn(ln1(x))}, then {@code + mlp(ln2(·))}. */
    static PreLnBlock sequential(LayerNorm ln1, SelfAttention attn, LayerNorm ln2, Mlp mlp) {
        return new PreLnBlock(ln1, ln2, false, attn, mlp);
    }

    /** {@code x + attn(ln1(x)) + mlp(ln2(x))}; pass {@code ln2 = null} to share {@code ln1}. */
    static PreLnBlock parallel(LayerNorm ln1, SelfAttention attn, LayerNorm ln2, Mlp mlp) {
        return new PreLnBlock(ln1, ln2, true, attn, mlp);
    }

    /**
     * @param x the residual stream, row-major {@code [rows × d]}, updated in place
     * @param pack the sequences the rows belong to
     * @param layer this block's index (its slot in the key/value caches)
     */
    void apply(float[] x, Pack pack, int layer) {
        int rows = pack.totalRows();
        float[] h = ln1.apply(x);
        float[] a = attn.apply(h, pack, layer);
        if (parallel) {
            float[] m = mlp.apply(ln2 == null ? h : ln2.apply(x), rows);
            for (int i = 0; i < x.length; i++) {
                x[i] += a[i] + m[i];
            }
        } else {
            DecoderLm.addInPlace(x, a);
            DecoderLm.addInPlace(x, mlp.apply(ln2.apply(x), rows));
        }
    }
}
