package org.detectgpt.model.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bridge between Java arrays and ND4J: matrix products run in ND4J (OpenBLAS sgemm), the
 * cheap element-wise work in plain Java on the results.
 */
public final class Nd {
    private Nd() {}

    /** @return a c-ordered fp32 array holding a copy of {@code data} with the given shape */
    public static INDArray array(float[] data, long... shape) {
        INDArray a = Nd4j.create(DataType.FLOAT, shape, 'c');
        // one bulk copy into the native buffer; Nd4j.create(float[]) copies element by element
        a.data().asNioFloat().put(data, 0, (int) a.length());
        return a;
    }

    /** @return the values of {@code a} in row-major order (a copy) */
    public static float[] floats(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() && a.offset() == 0 ? a : a.dup('c');
        float[] out = new float[(int) c.length()];
        c.data().asNioFloat().get(out);
        return out;
    }

    /**
     * {@code x · w} into a caller's array, through this thread's {@link NativeScratch}.
     *
     * @param x row-major {@code [rows × k]}
     * @param w a {@code [k × n]} ND4J matrix
     * @param out receives the {@code [rows × n]} product, row-major
     */
    public static void matmulInto(float[] x, int rows, INDArray w, float[] out) {
        FloatBuffer y = product(x, rows, w);
        int n = (int) w.size(1);
        Parallel.forRange(rows, n, (r0, r1) -> y.get(r0 * n, out, r0 * n, (r1 - r0) * n));
    }

    /**
     * {@code x · w} with its columns cut into consecutive parts, each copied straight out of the
     * native product into the caller's array for it (no {@code [rows × n]} array in between).
     *
     * @param x row-major {@code [rows × k]}
     * @param w a {@code [k × n]} ND4J matrix
     * @param parts receive the parts, row-major, {@code parts[p].length / rows} wide, summing to n
     */
    public static void matmulSplitInto(float[] x, int rows, INDArray w, float[][] parts) {
        FloatBuffer y = product(x, rows, w);
        int n = (int) w.size(1);
        Parallel.forRange(rows, n, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int at = r * n;
                for (float[] part : parts) {
                    int width = part.length / rows;
                    y.get(at, part, r * width, width);
                    at += width;
                }
            }
        });
    }

    /** @return {@code x · w} in this thread's {@link NativeScratch}, valid until its next product */
    private static FloatBuffer product(float[] x, int rows, INDArray w) {
        long k = w.size(0);
        long n = w.size(1);
        NativeScratch scratch = NativeScratch.begin();
        INDArray xa = scratch.matrix(0, rows, k);
        FloatBuffer xb = xa.data().asNioFloat();
        int kk = (int) k;
        // the copies in and out run on all cores: on one, they were 11 of a pass's 125 ms
        Parallel.forRange(rows, kk, (r0, r1) -> xb.put(r0 * kk, x, r0 * kk, (r1 - r0) * kk));
        // gemm with beta 0 writes every value: the scratch's old contents do not matter
        INDArray y = scratch.matrix(1, rows, n);
        Nd4j.gemm(xa, w, y, false, false, 1.0, 0.0);
        return y.data().asNioFloat();
    }

    /**
     * Batched product {@code a[b] · b[b]ᵀ}, with b given untransposed.
     *
     * @param a {@code [batch × m × k]}
     * @param b {@code [batch × n × k]}
     * @return {@code [batch × m × n]}
     */
    public static float[] batchedMatmulTransB(float[] a, float[] b, int batch, int m, int k, int n) {
        INDArray bt = array(b, batch, n, k).permute(0, 2, 1).dup('c');
        return floats(Nd4j.matmul(array(a, batch, m, k), bt));
    }

    /**
     * Batched product {@code a[b] · b[b]} of {@code batch} pairs of row-major matrices.
     *
     * @param a {@code [batch × m × k]}
     * @param b {@code [batch × k × n]}
     * @return {@code [batch × m × n]}
     */
    public static float[] batchedMatmul(float[] a, float[] b, int batch, int m, int k, int n) {
        return floats(Nd4j.matmul(array(a, batch, m, k), array(b, batch, k, n)));
    }

    /**
     * {@code c (+)= op(a) · op(b)} on row-major Java arrays, through one sgemm.
     *
     * @param a stored {@code [aRows × aCols]}
     * @param ta whether op(a) = aᵀ
     * @param b stored {@code [bRows × bCols]}
     * @param tb whether op(b) = bᵀ
     * @param c receives the {@code [m × n]} product (m, n the outer sizes of op(a), op(b))
     * @param accumulate whether to add to c instead of overwriting it
     */
    public static void gemm(float[] a, int aRows, int aCols, boolean ta, float[] b, int bRows, int bCols,
            boolean tb, float[] c, boolean accumulate) {
        int m = ta ? aCols : aRows;
        int k = ta ? aRows : aCols;
        int kb = tb ? bCols : bRows;
        int n = tb ? bRows : bCols;
        if (k != kb) {
            throw new IllegalArgumentException("inner sizes differ: " + k + " vs " + kb);
        }
        INDArray ca = accumulate ? array(c, m, n) : Nd4j.create(DataType.FLOAT, new long[] {m, n}, 'c');
        Nd4j.gemm(array(a, aRows, aCols), array(b, bRows, bCols), ca, ta, tb, 1.0, accumulate ? 1.0 : 0.0);
        ca.data().asNioFloat().get(c, 0, m * n);
    }
}
