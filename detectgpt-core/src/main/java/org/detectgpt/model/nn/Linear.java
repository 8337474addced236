package org.detectgpt.model.nn;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.detectgpt.util.Args;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer {@code y = x·W + b}, with W kept {@code [in × out]}: the layout sgemm wants, so no
 * transpose happens per call. Immutable; safe to share between threads.
 *
 * <p>W is held either as an fp32 ND4J matrix (off the Java heap), or <b>packed</b> in its
 * checkpoint's 16-bit format ({@link Half.Format}) as a {@code short[]} on the heap: half the
 * memory. A packed W is widened to a temporary fp32 matrix for each product, in parallel chunks,
 * and freed at once; since widening is exact, the product is the same as with fp32 storage.
 * Measured on 2 cores for a 4096 × 4096 matrix, widening costs about 30 ms, against 60 / 175 /
 * 595 ms for the product over 64 / 256 / 1024 rows.
 */
public final class Linear {
    /** Elements widened per parallel task: large enough to amortise the task, small enough to balance. */
    private static final int CHUNK = 1 << 16;

    private final INDArray weight;
    private final short[] packed;
    private final Half.Format format;
    private final float[] bias;
    private final int in;
    private final int out;

    private Linear(INDArray weight, short[] packed, Half.Format format, float[] bias, int in, int out) {
        this.weight = weight;
        this.packed = packed;
        this.format = format;
        this.bias = bias;
        this.in = in;
        this.out = out;
    }

    /**
     * From a PyTorch {@code nn.Linear} weight, stored {@code [out × in]}, kept in fp32.
     *
     * @param w the weight, row-major {@code [out × in]}
     * @param bias the bias ({@code out} values) or null
     */
    public static Linear fromOutIn(float[] w, float[] bias, int in, int out) {
        return fromOutIn(w, bias, in, out, null);
    }

    /**
     * From a PyTorch {@code nn.Linear} weight, stored {@code [out × in]}.
     *
     * @param w the weight, row-major {@code [out × in]}
     * @param bias the bias ({@code out} values) or null
     * @param packedAs the 16-bit format to keep W in, or null for fp32; every value must be
     *     exactly representable in it (it came from a checkpoint in that format)
     */
    public static Linear fromOutIn(float[] w, float[] bias, int in, int out, Half.Format packedAs) {
        Args.check(w.length == (long) in * out, "weight holds %d values, not %d × %d", w.length, out, in);
        if (packedAs != null) {
            return new Linear(null, pack(w, in, out, true, packedAs), packedAs, checkBias(bias, out), in, out);
        }
        INDArray t = Nd4j.create(w, new long[] {out, in}, 'c').transpose().dup('c');
        return new Linear(t, null, null, checkBias(bias, out), in, out);
    }

    /**
     * Several PyTorch {@code nn.Linear} weights over the same input, stacked side by side into one
     * W of {@code [in × Σ outs]} (Llama's q/k/v projections; its gate and up projections): one
     * product instead of several, read back with {@link #applySplitInto}. Measured with ND4J's sgemm on
     * 2 cores, 1,024 rows × 256 inputs: three products of 256 outputs ran at 120–215 GFLOP/s, one of
     * 768 at 225–265.
     *
     * @param ws the weights, each row-major {@code [outs[i] × in]}
     * @param biases their biases, all null or none null
     * @param in input width
     * @param outs the output widths
     * @param packedAs as in {@link #fromOutIn(float[], float[], int, int, Half.Format)}
     */
    public static Linear stacked(float[][] ws, float[][] biases, int in, int[] outs, Half.Format packedAs) {
        int total = 0;
        for (int o : outs) {
            total = Math.addExact(total, o);
        }
        // [out × in] row-major: the stacked matrix's rows are the parts' rows one after another
        float[] w = new float[Math.multiplyExact(total, in)];
        float[] b = biases[0] == null ? null : new float[total];
        int at = 0;
        for (int i = 0; i < ws.length; i++) {
            Args.check(ws[i].length == (long) outs[i] * in, "weight %d holds %d values, not %d × %d", i, ws[i].length,
                outs[i], in);
            System.arraycopy(ws[i], 0, w, at * in, ws[i].length);
            Args.check((biases[i] == null) == (b == null), "weight %d: some parts have a bias and some not", i);
            if (b != null) {
                System.arraycopy(checkBias(biases[i], outs[i]), 0, b, at, outs[i]);
            }
            at += outs[i];
        }
        return fromOutIn(w, b, in, total, packedAs);
    }

    /**
     * From a weight already stored {@code [in × out]} (GPT-2's {@code Conv1D}), kept in fp32.
     *
     * @param w the weight, row-major {@code [in × out]}
     * @param bias the bias ({@code out} values) or null
     */
    public static Linear fromInOut(float[] w, float[] bias, int in, int out) {
        return fromInOut(w, bias, in, out, null);
    }

    /**
     * From a weight already stored {@code [in × out]} (GPT-2's {@code Conv1D}).
     *
     * @param w the weight, row-major {@code [in × out]}
     * @param bias the bias ({@code out} values) or null
     * @param packedAs the 16-bit format to keep W in, or null for fp32 (values exactly representable)
     */
    public static Linear fromInOut(float[] w, float[] bias, int in, int out, Half.Format packedAs) {
        Args.check(w.length == (long) in * out, "weight holds %d values, not %d × %d", w.length, in, out);
        if (packedAs != null) {
            return new Linear(null, pack(w, in, out, false, packedAs), packedAs, checkBias(bias, out), in, out);
        }
        return new Linear(Nd4j.create(w, new long[] {in, out}, 'c'), null, null, checkBias(bias, out), in, out);
    }

    /** @return W as {@code [in × out]} 16-bit bits, transposing an {@code [out × in]} source */
    private static short[] pack(float[] w, int in, int out, boolean outIn, Half.Format format) {
        short[] p = new short[w.length];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                float v = outIn ? w[j * in + i] : w[i * out + j];
                int h = Half.exact(format, v);
                Args.check(h >= 0, "weight %s is not exactly representable in %s", v, format);
                p[i * out + j] = (short) h;
            }
        }
        return p;
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

    /** @return the 16-bit format W is packed in, or null when it is held in fp32 */
    public Half.Format packedFormat() {
        return format;
    }

    /**
     * @param x row-major {@code [rows × in]}
     * @param rows number of rows
     * @return row-major {@code [rows × out]}
     */
    public float[] apply(float[] x, int rows) {
        float[] y = new float[Math.multiplyExact(rows, out)];
        applyInto(x, rows, y);
        return y;
    }

    /** @return W widened to a new fp32 {@code [in × out]} matrix */
    private INDArray widen() {
        INDArray w = Nd4j.createUninitialized(DataType.FLOAT, in, out);
        FloatBuffer dst = w.data().asNioFloat();
        int chunks = (packed.length + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            float[] buf = new float[Math.min(CHUNK, packed.length - from)];
            // one loop per format, so that the inner loop has no branch
            if (format == Half.Format.BF16) {
                for (int i = 0; i < buf.length; i++) {
                    buf[i] = Half.bf16ToFloat(packed[from + i]);
                }
            } else {
                for (int i = 0; i < buf.length; i++) {
                    buf[i] = Half.f16ToFloat(packed[from + i]);
                }
            }
            dst.duplicate().position(from).put(buf);
        });
        return w;
    }

    /**
     * Like {@link #apply} into a caller's buffer (for the output head, whose rows are large).
     *
     * @param x row-major {@code [rows × in]}
     * @param rows number of rows
     * @param dst receives {@code rows × out} values
     */
    public void applyInto(float[] x, int rows, float[] dst) {
        product(x, rows, new float[][] {dst});
    }

    /**
     * Like {@link #applyInto}, the output's columns cut into consecutive parts, each into its own
     * array — for a layer whose W holds several projections side by side ({@link #stacked}), one
     * product instead of several (a forward pass reuses the arrays from layer to layer).
     *
     * @param x row-major {@code [rows × in]}
     * @param rows number of rows
     * @param parts receive the parts, {@code parts[p].length / rows} wide, summing to {@link #out()}
     */
    public void applySplitInto(float[] x, int rows, float[][] parts) {
        int sum = 0;
        for (float[] part : parts) {
            Args.check(part.length % rows == 0, "a part of %d values for %d rows", part.length, rows);
            sum += part.length / rows;
        }
        Args.check(sum == out, "parts of %d outputs in all, not %d", sum, out);
        product(x, rows, parts);
    }

    /** Into the parts (one part: all outputs), the bias added. */
    private void product(float[] x, int rows, float[][] parts) {
        INDArray w = packed == null ? weight : widen();
        try {
            if (parts.length == 1) {
                Nd.matmulInto(x, rows, w, parts[0]);
            } else {
                Nd.matmulSplitInto(x, rows, w, parts);
            }
        } finally {
            if (packed != null) {
                w.close(); // free the temporary now: waiting for the GC would hold one matrix per call
            }
        }
        if (bias != null) {
            int from = 0;
            for (float[] part : parts) {
                int width = parts.length == 1 ? out : part.length / rows;
                for (int r = 0; r < rows; r++) {
                    int o = r * width;
                    for (int j = 0; j < width; j++) {
                        part[o + j] += bias[from + j];
                    }
                }
                from += width;
            }
        }
    }
}
