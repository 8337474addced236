package org.detectgpt.model.nn;

/**
 * The engine's element-wise hot loops — a logits row's exponential sums, the attention softmax's
 * exponentials, SiLU gating, RMSNorm — in SIMD lanes through the incubating Vector API when the JVM has
 * {@code jdk.incubator.vector} (started with {@code --add-modules jdk.incubator.vector}, as the
 * {@code detectgpt} launcher and the tests do), and in the plain Java loops otherwise. Both use
 * {@link FastExp}'s polynomial; the lanes accumulate in float within blocks of 128 values and in
 * double across blocks, so the two paths agree to float rounding (relative differences of order
 * 1e-7, checked by {@code SimdTest}), not bit for bit. Where the loops return an exact 0 (e^x
 * below x = −87, SiLU below −80) the lanes return e^−87 ≈ 1.6e-38 and ≈ −1.5e-33: they floor
 * the argument instead of blending in 0 (the reason: {@code VectorKernels}).
 *
 * <p>Why: a profile of Fast-DetectGPT on the shipped English model spent more than half its Java
 * samples in these scalar loops, which the JIT does not vectorize ({@code Float.intBitsToFloat}
 * in the exponential, double accumulators, a rank count); in lanes the row reduction over 8,257
 * logits ran 5× faster (AVX2, 8 lanes). Without the module the library needs no flag and loses
 * nothing but speed.
 */
public final class Simd {
    private static final boolean VECTOR = probe();

    private Simd() {}

    private static boolean probe() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            if (!VectorKernels.usable()) {
                return false;
            }
            VectorKernels.warm();
            return true;
        } catch (LinkageError | RuntimeException e) {
            // lanes that fail on the warm-up's few values are not to be trusted: the plain loops run instead
            return false;
        }
    }

    /** @return whether the kernels run in Vector API lanes in this JVM */
    public static boolean vectorized() {
        return VECTOR;
    }

    /**
     * @param a values
     * @param from first index
     * @param to end index (exclusive), greater than from
     * @return the largest of {@code a[from, to)}
     */
    public static float max(float[] a, int from, int to) {
        return VECTOR ? VectorKernels.max(a, from, to) : scalarMax(a, from, to);
    }

    /**
     * The sums of a logits row's softmax: with {@code c_v = l_v − shift} and {@code e_v = e^{c_v}},
     * {@code out = [Σ e, Σ e·c, Σ e·c², #{v : l_v > above}]}.
     *
     * @param l logits
     * @param o offset of the row
     * @param n width of the row
     * @param shift subtracted before the exponential (the row's maximum)
     * @param above the count's threshold (the observed token's logit)
     * @param out receives the four values
     */
    public static void sums(float[] l, int o, int n, float shift, float above, double[] out) {
        weighted(l, o, shift, l, o, shift, above, n, out);
    }

    /**
     * A row's sums under another row's softmax: with {@code c_v = p_v − pShift} and
     * {@code e_v = e^{q_v − qShift}}, {@code out = [Σ e, Σ e·c, Σ e·c²]}.
     *
     * @param p the row whose log-probabilities are averaged
     * @param po offset in p
     * @param pShift subtracted from p
     * @param q the row whose softmax weights them
     * @param qo offset in q
     * @param qShift subtracted from q before the exponential (its maximum)
     * @param n width
     * @param out receives the three values
     */
    public static void crossSums(float[] p, int po, float pShift, float[] q, int qo, float qShift, int n,
            double[] out) {
        // nothing exceeds +∞: the count comes out 0 and is not written to a three-value out
        weighted(p, po, pShift, q, qo, qShift, Float.POSITIVE_INFINITY, n, out);
    }

    /**
     * Both sums above: with {@code c_v = p_v − pShift} and weights {@code e_v = e^{q_v − qShift}},
     * {@code out = [Σe, Σe·c, Σe·c²]} and, when out has a fourth place, {@code #{v : p_v > above}}.
     */
    private static void weighted(float[] p, int po, float pShift, float[] q, int qo, float qShift, float above,
            int n, double[] out) {
        if (VECTOR) {
            VectorKernels.weighted(p, po, pShift, q, qo, qShift, above, n, out);
        } else {
            scalarWeighted(p, po, pShift, q, qo, qShift, above, n, out);
        }
    }

    /**
     * {@code x[j] ← e^{x[j] − shift}} for j in {@code [from, to)}; below −87 the loops give 0, the
     * lanes e^−87.
     *
     * @return the sum of the new values
     */
    public static double expInPlace(float[] x, int from, int to, float shift) {
        return VECTOR ? VectorKernels.expInPlace(x, from, to, shift) : scalarExpInPlace(x, from, to, shift);
    }

    /**
     * {@code g[j] ← silu(g[j]) · u[j]} for j in {@code [from, to)}; silu(x) = x / (1 + e^{−x}), 0 below
     * −80 in the loops, −80/(1 + e^80) in the lanes.
     */
    public static void siluGate(float[] g, float[] u, int from, int to) {
        if (VECTOR) {
            VectorKernels.siluGate(g, u, from, to);
        } else {
            scalarSiluGate(g, u, from, to);
        }
    }

    /**
     * RMSNorm of one row in place: {@code x ← x / sqrt(mean(x²) + eps) · w} over
     * {@code x[o, o + w.length)}; the scalar loops sum the squares in double, the lanes in float
     * within the row (a row of 4,096 holds 512 per lane: relative error ~1e-7).
     */
    public static void rmsNorm(float[] x, int o, float[] w, double eps) {
        if (VECTOR) {
            VectorKernels.rmsNorm(x, o, w, eps);
        } else {
            scalarRmsNorm(x, o, w, eps);
        }
    }

    /**
     * Attention scores of up to {@value #BLOCK_ROWS} query rows against a range of keys:
     * {@code s[so + r·sStride + j] = scale · Σ_c q[qo + r·qStride + c] · kt[ko + c·kStride + j]} for r in
     * {@code [0, rows)} and j in {@code [from, to)}; {@code kt} holds the keys transposed (one row
     * per head dimension, the keys along it), so that lanes run along the keys.
     *
     * @param hd the head size (values per query row)
     * @param scale multiplies each dot product
     */
    public static void scores(float[] q, int qo, int qStride, int rows, float[] kt, int ko, int kStride, int hd,
            float scale, int from, int to, float[] s, int so, int sStride) {
        if (VECTOR) {
            VectorKernels.scores(q, qo, qStride, rows, kt, ko, kStride, hd, scale, from, to, s, so, sStride);
        } else {
            scalarScores(q, qo, qStride, rows, kt, ko, kStride, hd, scale, from, to, s, so, sStride);
        }
    }

    /**
     * Attention's weighted values for up to {@value #BLOCK_ROWS} rows:
     * {@code out[oo + r·oStride + c] = Σ_{j ∈ [from, to)} p[po + r·pStride + j] · v[vo + j·vStride + c]}
     * for r in {@code [0, rows)} and c in {@code [0, hd)} (overwritten, not added to).
     */
    public static void mix(float[] p, int po, int pStride, int rows, float[] v, int vo, int vStride, int hd,
            int from, int to, float[] out, int oo, int oStride) {
        if (VECTOR) {
            VectorKernels.mix(p, po, pStride, rows, v, vo, vStride, hd, from, to, out, oo, oStride);
        } else {
            scalarMix(p, po, pStride, rows, v, vo, vStride, 0, hd, from, to, out, oo, oStride);
        }
    }

    /**
     * A rotary embedding's rotation of n pairs {@code (x[a + i], x[b + i])} in place:
     * {@code (x_a·c − x_b·s, x_b·c + x_a·s)} with {@code c = cos[co + i]}, {@code s = sin[co + i]}, in
     * float (the lanes and the loops give the same bits).
     */
    public static void rotate(float[] x, int a, int b, float[] cos, float[] sin, int co, int n) {
        if (VECTOR) {
            VectorKernels.rotate(x, a, b, cos, sin, co, n);
        } else {
            scalarRotate(x, a, b, cos, sin, co, 0, n);
        }
    }

    /** {@link #rotate} for pairs {@code [from, n)}. */
    static void scalarRotate(float[] x, int a, int b, float[] cos, float[] sin, int co, int from, int n) {
        for (int i = from; i < n; i++) {
            float xa = x[a + i];
            float xb = x[b + i];
            x[a + i] = xa * cos[co + i] - xb * sin[co + i];
            x[b + i] = xb * cos[co + i] + xa * sin[co + i];
        }
    }

    /**
     * One query row's attention scores against keys stored row by row (a key/value cache):
     * {@code s[so + j] = Σ_c q[qo + c] · k[ko + j·kStride + c]} for j in {@code [from, to)}; the
     * lanes run along the head's dimensions.
     */
    public static void dots(float[] q, int qo, float[] k, int ko, int kStride, int hd, int from, int to, float[] s,
            int so) {
        if (VECTOR) {
            VectorKernels.dots(q, qo, k, ko, kStride, hd, from, to, s, so);
        } else {
            scalarDots(q, qo, k, ko, kStride, hd, 0, from, to, s, so);
        }
    }

    /** {@link #dots} over the dimensions {@code [cFrom, hd)}, added to what s holds when cFrom > 0. */
    static void scalarDots(float[] q, int qo, float[] k, int ko, int kStride, int hd, int cFrom, int from, int to,
            float[] s, int so) {
        for (int j = from; j < to; j++) {
            int kj = ko + j * kStride;
            float dot = cFrom == 0 ? 0f : s[so + j];
            for (int c = cFrom; c < hd; c++) {
                dot += q[qo + c] * k[kj + c];
            }
            s[so + j] = dot;
        }
    }

    /** Most query rows {@link #scores} and {@link #mix} take at once. */
    public static final int BLOCK_ROWS = 4;

    /** {@link #scores} in plain loops. */
    static void scalarScores(float[] q, int qo, int qStride, int rows, float[] kt, int ko, int kStride, int hd,
            float scale, int from, int to, float[] s, int so, int sStride) {
        for (int r = 0; r < rows; r++) {
            for (int j = from; j < to; j++) {
                float dot = 0;
                for (int c = 0; c < hd; c++) {
                    dot += q[qo + r * qStride + c] * kt[ko + c * kStride + j];
                }
                s[so + r * sStride + j] = dot * scale;
            }
        }
    }

    /** {@link #mix} for the columns {@code [cFrom, hd)}. */
    static void scalarMix(float[] p, int po, int pStride, int rows, float[] v, int vo, int vStride, int cFrom,
            int hd, int from, int to, float[] out, int oo, int oStride) {
        for (int r = 0; r < rows; r++) {
            for (int c = cFrom; c < hd; c++) {
                float sum = 0;
                for (int j = from; j < to; j++) {
                    sum += p[po + r * pStride + j] * v[vo + j * vStride + c];
                }
                out[oo + r * oStride + c] = sum;
            }
        }
    }

    static void scalarRmsNorm(float[] x, int o, float[] w, double eps) {
        int d = w.length;
        double ss = 0;
        for (int j = 0; j < d; j++) {
            ss += (double) x[o + j] * x[o + j];
        }
        double inv = 1.0 / Math.sqrt(ss / d + eps);
        for (int j = 0; j < d; j++) {
            x[o + j] = (float) (x[o + j] * inv * w[j]);
        }
    }

    static float scalarMax(float[] a, int from, int to) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    static void scalarWeighted(float[] p, int po, float pShift, float[] q, int qo, float qShift, float above,
            int n, double[] out) {
        double z = 0;
        double s1 = 0;
        double s2 = 0;
        int count = 0;
        for (int v = 0; v < n; v++) {
            float pv = p[po + v];
            double c = pv - pShift;
            double e = FastExp.exp(q[qo + v] - qShift);
            z += e;
            s1 += e * c;
            s2 += e * c * c;
            if (pv > above) {
                count++;
            }
        }
        out[0] = z;
        out[1] = s1;
        out[2] = s2;
        if (out.length > 3) {
            out[3] = count;
        }
    }

    static double scalarExpInPlace(float[] x, int from, int to, float shift) {
        double sum = 0;
        for (int j = from; j < to; j++) {
            float e = FastExp.exp(x[j] - shift);
            x[j] = e;
            sum += e;
        }
        return sum;
    }

    static void scalarSiluGate(float[] g, float[] u, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] = silu(g[i]) * u[i];
        }
    }

    /** @return {@code x / (1 + e^{−x})} in float through {@link FastExp} */
    static float silu(float x) {
        // for x < −80, e^(−x) overflows float and x·σ(x) is 0 to float precision anyway
        return x < -80f ? 0f : x / (1f + FastExp.exp(-x));
    }
}
