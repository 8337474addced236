package org.detectgpt.model.nn;

import org.detectgpt.util.Args;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer {@code y = x·W + b}, with W kept as an ND4J {@code [in × out]} matrix: the layout
 * sgemm wants, so no transpose happens per call. Immutable; safe to share between threads.
 */
public final class Linear {
    private final INDArray weight;
    private final float[] bias;
    private final int in;
    private final int out;

    private Linear(INDArray weight, float[] bias, int in, int out) {
        this.weight = weight;
        this.bias = bias;
        this.in = in;
        this.out = out;
    }

    /**
     * From a PyTorch {@code nn.Linear} weight, stored {@code [out × in]}.
     *
     * @param w the weight, row-major {@code [out × in]}
     * @param bias the bias ({@code out} values) or null
     */
    public static Linear fromOutIn(float[] w, float[] bias, int in, int out) {
        Args.check(w.length == (long) in * out, "weight holds %d values, not %d × %d", w.length, out, in);
        INDArray t = Nd4j.create(w, new long[] {out, in}, 'c').transpose().dup('c');
        return new Linear(t, checkBias(bias, out), in, out);
    }

    /**
     * From a weight already stored {@code [in × out]} (GPT-2's {@code Conv1D}).
     *
     * @param w the weight, row-major {@code [in × out]}
     * @param bias the bias ({@code out} values) or null
     */
    public static Linear fromInOut(float[] w, float[] bias, int in, int out) {
        Args.check(w.length == (long) in * out, "weight holds %d values, not %d × %d", w.length, in, out);
        return new Linear(Nd4j.create(w, new long[] {in, out}, 'c'), checkBias(bias, out), in, out);
    }

    private static float[] checkBias(float[] bias, int out) {
        Args.check(bias == null || bias.length == out, "bias of %d values for %d outputs",
            bias == null ? 0 : bias.length, out);
        return bias;
    }

    /** @return input width */
    public int in() {
        return in;
    }

    /** @return output width */
    public int out() {
        return out;
    }

    /**
     * @param x row-major {@code [rows × in]}
     * @param rows number of rows
     * @return row-major {@code [rows × out]}
     */
    public float[] apply(float[] x, int rows) {
        float[] y = Nd.matmul(x, rows, weight);
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                int o = r * out;
                for (int j = 0; j < out; j++) {
                    y[o + j] += bias[j];
                }
            }
        }
        return y;
    }

    /**
     * Like {@link #apply} into a caller's buffer (for the output head, whose rows are large).
     *
     * @param x row-major {@code [rows × in]}
     * @param rows number of rows
     * @param dst receives {@code rows × out} values
     */
    public void applyInto(float[] x, int rows, float[] dst) {
        float[] y = apply(x, rows);
        System.arraycopy(y, 0, dst, 0, y.length);
    }
}
