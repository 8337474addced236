package org.detectgpt.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The thread's reusable product buffers: reuse, the byte bound, and products through them. */
class NativeScratchTest {
    @Test
    void aShapeAndSlotIsReusedAndTwoSlotsOfOneShapeAreNot() {
        NativeScratch s = NativeScratch.begin();
        INDArray a = s.matrix(0, 3, 5);
        INDArray b = s.matrix(1, 3, 5);
        assertNotSame(a, b, "two operands of one shape in one operation");
        assertSame(a, NativeScratch.begin().matrix(0, 3, 5), "the next operation gets the same buffer");
        assertEquals(3, a.rows());
        assertEquals(5, a.columns());
    }

    @Test
    void staysWithinItsBoundButNeverEvictsTheOperationInProgress() {
        long quarter = NativeScratch.MAX_BYTES / 4 / Float.BYTES;
        NativeScratch s = NativeScratch.begin();
        for (int i = 0; i < 10; i++) {
            s = NativeScratch.begin();
            s.matrix(7, i + 1, quarter / (i + 1));
            assertTrue(s.bytes() <= NativeScratch.MAX_BYTES, s.bytes() + " bytes after " + i);
        }
        // one operation asking for more than the bound keeps all it asked for
        s = NativeScratch.begin();
        INDArray[] held = new INDArray[5];
        for (int i = 0; i < 5; i++) {
            held[i] = s.matrix(20 + i, 1, quarter);
        }
        for (int i = 0; i < 5; i++) {
            assertSame(held[i], s.matrix(20 + i, 1, quarter), "slot " + i + " evicted while in use");
        }
        assertTrue(s.bytes() > NativeScratch.MAX_BYTES);
        s = NativeScratch.begin();
        s.matrix(30, 1, 1);
        assertTrue(s.bytes() <= NativeScratch.MAX_BYTES, "the next operation trims back: " + s.bytes());
    }

    @Test
    void productsThroughTheScratchEqualFreshOnesCallAfterCall() {
        Random r = new Random(11);
        float[] wv = gaussian(r, 17 * 29);
        INDArray w = Nd.array(wv, 17, 29);
        for (int rows : new int[] {4, 9, 4, 1, 9}) {
            float[] x = gaussian(r, rows * 17);
            float[] expected = new float[rows * 29];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < 29; j++) {
                    double sum = 0;
                    for (int c = 0; c < 17; c++) {
                        sum += (double) x[i * 17 + c] * wv[c * 29 + j];
                    }
                    expected[i * 29 + j] = (float) sum;
                }
            }
            float[] got = new float[rows * 29];
            Nd.matmulInto(x, rows, w, got);
            assertArrayEquals(expected, got, 1e-5f, "rows " + rows);
        }
    }

    private static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
