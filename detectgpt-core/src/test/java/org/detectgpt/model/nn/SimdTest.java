package org.detectgpt.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Simd}'s kernels: the path this JVM runs (the Vector API's lanes: the build starts the
 * tests with the module) against the plain Java loops, on random rows of every width from 1 to
 * 70 (all tails of 4, 8 and 16 lanes), the shipped model's 8,257 and a large vocabulary's 50,257,
 * at offsets inside a larger array; the loops against double-precision formulas.
 */
class SimdTest {
    private static final int[] WIDTHS = widths();

    private static int[] widths() {
        int[] w = new int[72];
        for (int i = 0; i < 70; i++) {
            w[i] = i + 1;
        }
        w[70] = 8_257;
        w[71] = 50_257;
        return w;
    }

    private static float[] logits(Random r, int n, double sd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * sd);
        }
        return x;
    }

    private static void close(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void theTestJvmRunsTheLanes() {
        // the build adds jdk.incubator.vector to the tests' JVM: the comparisons below must see
        // the lanes, not the scalar loops twice
        assertTrue(Simd.vectorized(), "tests run without the Vector API: check surefire's argLine");
    }

    @Test
    void rowSumsMatchTheLoopsAndTheFormula() {
        Random r = new Random(11);
        double[] fast = new double[4];
        double[] plain = new double[4];
        for (int n : WIDTHS) {
            float[] row = logits(r, n + 9, 4);
            int o = 5;
            float max = Simd.max(row, o, o + n);
            assertEquals(Simd.scalarMax(row, o, o + n), max, "max, width " + n);
            float above = row[o + r.nextInt(n)];
            Simd.sums(row, o, n, max, above, fast);
            Simd.scalarWeighted(row, o, max, row, o, max, above, n, plain);
            double z = 0;
            double s1 = 0;
            double s2 = 0;
            int count = 0;
            for (int v = o; v < o + n; v++) {
                double c = row[v] - max;
                z += Math.exp(c);
                s1 += Math.exp(c) * c;
                s2 += Math.exp(c) * c * c;
                count += row[v] > above ? 1 : 0;
            }
            close(z, plain[0], 1e-6, "Σe, loops, width " + n);
            close(s1, plain[1], 1e-6, "Σe·c, loops, width " + n);
            close(s2, plain[2], 1e-6, "Σe·c², loops, width " + n);
            assertEquals(count, plain[3], "rank count, loops, width " + n);
            for (int i = 0; i < 3; i++) {
                close(plain[i], fast[i], 1e-6, "sum " + i + ", lanes, width " + n);
            }
            assertEquals(plain[3], fast[3], "rank count, lanes, width " + n);
        }
    }

    @Test
    void crossSumsMatchTheLoops() {
        Random r = new Random(12);
        double[] fast = new double[3];
        double[] plain = new double[3];
        for (int n : WIDTHS) {
            float[] p = logits(r, n + 3, 3);
            float[] q = logits(r, n + 7, 3);
            float mp = Simd.max(p, 3, 3 + n);
            float mq = Simd.max(q, 7, 7 + n);
            Simd.crossSums(p, 3, mp, q, 7, mq, n, fast);
            Simd.scalarWeighted(p, 3, mp, q, 7, mq, Float.POSITIVE_INFINITY, n, plain);
            double z = 0;
            for (int v = 0; v < n; v++) {
                z += Math.exp(q[7 + v] - mq);
            }
            close(z, plain[0], 1e-6, "Σe, loops, width " + n);
            for (int i = 0; i < 3; i++) {
                close(plain[i], fast[i], 1e-6, "cross sum " + i + ", width " + n);
            }
        }
    }

    @Test
    void exponentialsInPlaceMatchTheLoops() {
        Random r = new Random(13);
        for (int n : WIDTHS) {
            float[] x = logits(r, n + 4, 30); // spans e^-87 underflow to 0 and back
            x[2] = -1e9f;
            float[] y = x.clone();
            double fast = Simd.expInPlace(x, 2, 2 + n, 1f);
            double plain = Simd.scalarExpInPlace(y, 2, 2 + n, 1f);
            close(plain, fast, 1e-6, "sum, width " + n);
            for (int i = 0; i < x.length; i++) {
                assertEquals(y[i], x[i], 1e-6f * Math.max(1f, Math.abs(y[i])), "value " + i + ", width " + n);
            }
            // the loops give 0 below −87, the lanes floor the argument there (e^-87 ≈ 1.6e-38)
            assertEquals(0f, y[2], "e^-1e9 is 0 in the loops");
            assertTrue(x[2] >= 0f && x[2] < 2e-38f, "e^-1e9 is at most e^-87 in the lanes: " + x[2]);
        }
    }

    @Test
    void siluGateMatchesTheLoopsAndTheFormula() {
        Random r = new Random(14);
        for (int n : WIDTHS) {
            float[] g = logits(r, n, 40); // beyond ±80: the overflow guard in both paths
            float[] u = logits(r, n, 1);
            float[] fast = g.clone();
            float[] plain = g.clone();
            Simd.siluGate(fast, u, 0, n);
            Simd.scalarSiluGate(plain, u, 0, n);
            for (int i = 0; i < n; i++) {
                double want = g[i] / (1 + Math.exp(-g[i])) * u[i];
                float tol = 2e-6f * Math.max(1f, (float) Math.abs(want));
                assertEquals(want, plain[i], tol, "loops, " + g[i]);
                assertEquals(plain[i], fast[i], tol, "lanes, " + g[i]);
            }
        }
    }

    @Test
    void rmsNormMatchesTheLoops() {
        Random r = new Random(15);
        for (int n : WIDTHS) {
            float[] w = logits(r, n, 1);
            float[] x = logits(r, n + 6, 3);
            float[] y = x.clone();
            Simd.rmsNorm(x, 6, w, 1e-5);
            Simd.scalarRmsNorm(y, 6, w, 1e-5);
            for (int i = 0; i < x.length; i++) {
                assertEquals(y[i], x[i], 1e-6f * Math.max(1f, Math.abs(y[i])), "value " + i + ", width " + n);
            }
        }
    }

    @Test
    void attentionBlocksMatchTheLoopsForEveryRowCountHeadSizeAndKeyRange() {
        Random r = new Random(17);
        int kRows = 75;
        for (int rows = 1; rows <= Simd.BLOCK_ROWS; rows++) {
            for (int hd : new int[] {1, 7, 16, 33, 64}) {
                for (int[] range : new int[][] {{0, kRows}, {3, 50}, {10, 11}, {20, 20}}) {
                    String what = rows + " rows, hd " + hd + ", keys " + range[0] + "-" + range[1];
                    int qStride = hd + 3;
                    float[] q = logits(r, 2 + rows * qStride, 1);
                    float[] kt = logits(r, 5 + hd * kRows, 1);
                    float[] lanes = new float[rows * kRows];
                    float[] loops = new float[rows * kRows];
                    Simd.scores(q, 2, qStride, rows, kt, 5, kRows, hd, 0.3f, range[0], range[1], lanes, 0, kRows);
                    Simd.scalarScores(q, 2, qStride, rows, kt, 5, kRows, hd, 0.3f, range[0], range[1], loops, 0, kRows);
                    for (int i = 0; i < lanes.length; i++) {
                        close(loops[i], lanes[i], 1e-5, "scores, " + what + " at " + i);
                    }
                    // weights as the softmax leaves them: in [0, 1), so no sum cancels
                    float[] p = new float[rows * kRows];
                    for (int i = 0; i < p.length; i++) {
                        p[i] = r.nextFloat();
                    }
                    int vStride = hd + 2;
                    float[] v = logits(r, 4 + kRows * vStride, 1);
                    float[] outLanes = new float[1 + rows * (hd + 1)];
                    float[] outLoops = new float[outLanes.length];
                    Simd.mix(p, 0, kRows, rows, v, 4, vStride, hd, range[0], range[1], outLanes, 1, hd + 1);
                    Simd.scalarMix(p, 0, kRows, rows, v, 4, vStride, 0, hd, range[0], range[1], outLoops, 1, hd + 1);
                    for (int i = 0; i < outLanes.length; i++) {
                        close(outLoops[i], outLanes[i], 1e-5, "mix, " + what + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void rotationsInLanesGiveTheLoopsBitsAndTheDoubleFormulaToFloatRounding() {
        Random r = new Random(23);
        for (int n : WIDTHS) {
            if (n > 200) {
                continue;
            }
            float[] x = logits(r, 3 + 2 * n + 4, 1);
            float[] cos = logits(r, n + 2, 1);
            float[] sin = logits(r, n + 2, 1);
            float[] lanes = x.clone();
            float[] loops = x.clone();
            Simd.rotate(lanes, 3, 3 + n + 4, cos, sin, 2, n);
            Simd.scalarRotate(loops, 3, 3 + n + 4, cos, sin, 2, 0, n);
            for (int i = 0; i < x.length; i++) {
                assertEquals(loops[i], lanes[i], "width " + n + " at " + i);
            }
            for (int i = 0; i < n; i++) {
                double a = x[3 + i];
                double b = x[3 + n + 4 + i];
                close(a * cos[2 + i] - b * sin[2 + i], lanes[3 + i], 1e-6, "first of pair " + i);
                close(b * cos[2 + i] + a * sin[2 + i], lanes[3 + n + 4 + i], 1e-6, "second of pair " + i);
            }
        }
    }

    @Test
    void dotsAlongTheHeadMatchTheLoops() {
        Random r = new Random(29);
        for (int hd : new int[] {1, 7, 16, 33, 64, 80}) {
            int kStride = hd + 5;
            float[] q = logits(r, 3 + hd, 1);
            float[] k = logits(r, 2 + 40 * kStride, 1);
            float[] lanes = new float[45];
            float[] loops = new float[45];
            Simd.dots(q, 3, k, 2, kStride, hd, 4, 40, lanes, 5);
            Simd.scalarDots(q, 3, k, 2, kStride, hd, 0, 4, 40, loops, 5);
            for (int j = 0; j < 45; j++) {
                close(loops[j], lanes[j], 1e-5, "hd " + hd + " at " + j);
            }
        }
    }
}
