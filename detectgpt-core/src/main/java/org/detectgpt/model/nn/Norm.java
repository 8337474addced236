package org.detectgpt.model.nn;

/**
 * Row-wise normalisations, in place, computed in double per row as the float64 references do
 * (RMSNorm's sum of squares in float lanes when {@link Simd} has them);
 * many rows are split over the cores (a profile of a packed pass found RMSNorm on one core while
 * the other idled).
 */
public final class Norm {
    private Norm() {}

    /**
     * RMSNorm (Zhang and Sennrich 2019), as Llama: {@code y = x / sqrt(mean(x²) + eps) · w}.
     *
     * @param x row-major {@code [rows × w.length]}, overwritten
     * @param w the gain
     * @param eps added to the mean square
     * @return {@code x}
     */
    public static float[] rms(float[] x, float[] w, double eps) {
        int d = w.length;
        Parallel.forRange(x.length / d, d, (r0, r1) -> {
            for (int o = r0 * d; o < r1 * d; o += d) {
                Simd.rmsNorm(x, o, w, eps);
            }
        });
        return x;
    }

    /**
     * LayerNorm (Ba et al. 2016): {@code y = (x − mean) / sqrt(var + eps) · w + b}, population
     * variance.
     *
     * @param x row-major {@code [rows × w.length]}, not modified
     * @param w the gain
     * @param b the bias, or null
     * @param eps added to the variance
     * @return a new array
     */
    public static float[] layer(float[] x, float[] w, float[] b, double eps) {
        int d = w.length;
        float[] y = new float[x.length];
        Parallel.forRange(x.length / d, d, (r0, r1) -> {
            for (int o = r0 * d; o < r1 * d; o += d) {
                double mean = 0;
                for (int j = 0; j < d; j++) {
                    mean += x[o + j];
                }
                mean /= d;
                double var = 0;
                for (int j = 0; j < d; j++) {
                    double c = x[o + j] - mean;
                    var += c * c;
                }
                double inv = 1.0 / Math.sqrt(var / d + eps);
                for (int j = 0; j < d; j++) {
                    y[o + j] = (float) ((x[o + j] - mean) * inv * w[j] + (b == null ? 0 : b[j]));
                }
            }
        });
        return y;
    }
}
