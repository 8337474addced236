package org.detectgpt.model.nn;

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
        return Nd4j.create(data, shape, 'c');
    }

    /** @return the values of {@code a} in row-major order (a copy) */
    public static float[] floats(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        return c.data().asFloat();
    }

    /**
     * {@code x · w}: x is {@code [rows × k]} row-major, w a {@code [k × n]} ND4J matrix.
     *
     * @return the {@code [rows × n]} product, row-major
     */
    public static float[] matmul(float[] x, int rows, INDArray w) {
        long k = w.size(0);
        long n = w.size(1);
        INDArray xa = Nd4j.create(x, new long[] {rows, k}, 'c');
        INDArray y = Nd4j.create(DataType.FLOAT, new long[] {rows, n}, 'c');
        Nd4j.gemm(xa, w, y, false, false, 1.0, 0.0);
        return y.data().asFloat();
    }

    /**
     * Batched product {@code a[b] · b[b]} of {@code batch} pairs of row-major matrices.
     *
     * @param a {@code [batch × m × k]}
     * @param b {@code [batch × k × n]}
     * @return {@code [batch × m × n]}
     */
    public static float[] batchedMatmul(float[] a, float[] b, int batch, int m, int k, int n) {
        INDArray aa = Nd4j.create(a, new long[] {batch, m, k}, 'c');
        INDArray bb = Nd4j.create(b, new long[] {batch, k, n}, 'c');
        return floats(Nd4j.matmul(aa, bb));
    }
}
