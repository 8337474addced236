package org.detectgpt.model.nn;

/**
 * Rotary position embedding (Su et al. 2021, RoFormer), applied in place to the query or key
 * rows of a sequence.
 *
 * <p>With rotary width {@code r ≤ headDim} and inverse frequencies
 * {@code f_i = θ^(−2i/r)}, {@code i < r/2} (optionally rescaled, see {@link #llama3}), the pair
 * {@code (a, b)} of dimension {@code i} at position {@code t} becomes
 * {@code (a·cos(t·f_i) − b·sin(t·f_i), b·cos(t·f_i) + a·sin(t·f_i))}. Pairs are formed
 * {@link Pairing#HALF} ({@code (i, i + r/2)}, Hugging Face's {@code rotate_half}) or
 * {@link Pairing#ADJACENT} ({@code (2i, 2i+1)}, GPT-J's {@code rotate_every_two}). Dimensions past
 * {@code r} are left as they are. Angles are computed in double, their cos and sin rounded to
 * float, and the rotations done in float (as transformers does for an fp32 model): the pairs of
 * {@link Pairing#HALF} are contiguous runs, rotated in {@link Simd}'s lanes.
 */
public final class Rope {
    /** How the rotated dimensions are paired. */
    public enum Pairing {
        /** {@code (i, i + r/2)}: Llama, Qwen2, Mistral, GPT-NeoX, Falcon in Hugging Face. */
        HALF,
        /** {@code (2i, 2i + 1)}: GPT-J, llama2.c. */
        ADJACENT
    }

    private final int headDim;
    private final int rotaryDim;
    private final double[] invFreq;
    private final Pairing pairing;
    /** {@link #table}: cos then sin; replaced whole when it grows. */
    private volatile float[][] table;

    private Rope(int headDim, int rotaryDim, double[] invFreq, Pairing pairing) {
        this.headDim = headDim;
        this.rotaryDim = rotaryDim;
        this.invFreq = invFreq;
        this.pairing = pairing;
    }

    /**
     * Plain RoPE.
     *
     * @param headDim size of one head
     * @param rotaryDim leading dimensions of each head that rotate (even, ≤ headDim)
     * @param theta base θ ({@code rope_theta})
     * @param pairing the pair layout
     * @param positionScale positions are divided by this ("linear" scaling; 1 for none)
     */
    public static Rope standard(int headDim, int rotaryDim, double theta, Pairing pairing, double positionScale) {
        double[] f = new double[rotaryDim / 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = 1.0 / Math.pow(theta, (2.0 * i) / rotaryDim) / positionScale;
        }
        return new Rope(headDim, rotaryDim, f, pairing);
    }

    /**
     * Llama 3's frequency rescaling ({@code rope_type: "llama3"}): with wavelength
     * {@code λ = 2π/f}, low-frequency bound {@code L = old/lowFactor} and high-frequency bound
     * {@code H = old/highFactor}: {@code λ < H} keeps f; {@code λ > L} uses {@code f/factor}; in
     * between, {@code (1 − s)·f/factor + s·f} with {@code s = (old/λ − lowFactor)/(highFactor −
     * lowFactor)}. As {@code _compute_llama3_parameters} in transformers.
     */
    public static Rope llama3(int headDim, double theta, double factor, double lowFactor,
            double highFactor, double oldContext) {
        Rope base = standard(headDim, headDim, theta, Pairing.HALF, 1.0);
        double lowWavelen = oldContext / lowFactor;
        double highWavelen = oldContext / highFactor;
        double[] f = base.invFreq.clone();
        for (int i = 0; i < f.length; i++) {
            double wavelen = 2 * Math.PI / f[i];
            if (wavelen < highWavelen) {
                continue;
            }
            if (wavelen > lowWavelen) {
                f[i] = f[i] / factor;
            } else {
                double s = (oldContext / wavelen - lowFactor) / (highFactor - lowFactor);
                f[i] = (1 - s) * f[i] / factor + s * f[i];
            }
        }
        return new Rope(headDim, headDim, f, Pairing.HALF);
    }

    /**
     * Rotates every head of every row in place.
     *
     * @param x row-major {@code [rows × heads·headDim]}
     * @param rows number of positions
     * @param heads heads per row
     * @param startPos position of the first row
     */
    public void apply(float[] x, int rows, int heads, int startPos) {
        apply(x, 0, rows, heads, startPos);
    }

    /**
     * Rotates rows {@code [fromRow, fromRow + rows)} of x in place, the first at {@code startPos}
     * (one sequence among several stacked in x).
     *
     * @param x row-major {@code [* × heads·headDim]}
     * @param fromRow first row to rotate
     * @param rows number of rows
     * @param heads heads per row
     * @param startPos position of row {@code fromRow}
     */
    public void apply(float[] x, int fromRow, int rows, int heads, int startPos) {
        int half = rotaryDim / 2;
        if (half == 0 || rows == 0) {
            return;
        }
        float[][] t = table(startPos + rows);
        float[] cos = t[0];
        float[] sin = t[1];
        int rowWidth = heads * headDim;
        Parallel.forRange(rows, rowWidth, (t0, t1) -> {
            for (int r = t0; r < t1; r++) {
                int c0 = (startPos + r) * half;
                for (int h = 0; h < heads; h++) {
                    int o = (fromRow + r) * rowWidth + h * headDim;
                    if (pairing == Pairing.HALF) {
                        Simd.rotate(x, o, o + half, cos, sin, c0, half);
                        continue;
                    }
                    for (int i = 0; i < half; i++) {
                        float a = x[o + 2 * i];
                        float b = x[o + 2 * i + 1];
                        x[o + 2 * i] = a * cos[c0 + i] - b * sin[c0 + i];
                        x[o + 2 * i + 1] = b * cos[c0 + i] + a * sin[c0 + i];
                    }
                }
            }
        });
    }

    /**
     * cos and sin of {@code pos · invFreq[i]} for positions up to at least {@code positions},
     * row-major {@code [position × rotaryDim/2]}: computed once per position, not per layer, head
     * and call (a profile found {@code Math.cos}/{@code sin} a twentieth of a pass's Java time).
     * Grows by doubling; a table once published is never written, so threads share it freely.
     */
    private float[][] table(int positions) {
        float[][] t = table;
        if (t != null && t[0].length >= positions * (rotaryDim / 2)) {
            return t;
        }
        synchronized (this) {
            t = table;
            int have = t == null ? 0 : t[0].length / (rotaryDim / 2);
            if (have >= positions) {
                return t;
            }
            int n = Math.max(positions, Math.max(256, 2 * have));
            int half = rotaryDim / 2;
            float[] cos = new float[n * half];
            float[] sin = new float[n * half];
            for (int pos = 0; pos < n; pos++) {
                for (int i = 0; i < half; i++) {
                    double a = pos * invFreq[i];
                    cos[pos * half + i] = (float) Math.cos(a);
                    sin[pos * half + i] = (float) Math.sin(a);
                }
            }
            table = new float[][] {cos, sin};
            return table;
        }
    }
}
