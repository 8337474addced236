package org.detectgpt.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The three attention paths — Java loops (small problems), ND4J's per-head sgemm, and the blocks in
 * {@link Simd}'s lanes — against a double-precision reference, over the masks, grouped heads, a
 * bias and head sizes that do and do not fill whole lanes, on matrices inside larger arrays.
 */
class AttentionTest {
    @Test
    void everyPathMatchesTheReference() {
        Random r = new Random(3);
        // qRows, kRows, heads, kvHeads, hd, causal, window, bias
        int[][] cases = {
            {37, 37, 4, 4, 64, 1, 0, 0}, {37, 37, 4, 2, 20, 1, 0, 0}, {45, 45, 2, 1, 8, 1, 16, 0},
            {3, 50, 4, 4, 32, 1, 0, 0}, {1, 70, 2, 2, 16, 1, 0, 0}, {30, 41, 3, 3, 24, 0, 0, 1},
            {66, 66, 2, 2, 17, 0, 0, 0}, {130, 130, 4, 1, 64, 1, 33, 1}};
        for (int[] c : cases) {
            int qRows = c[0];
            int kRows = c[1];
            int heads = c[2];
            int kvHeads = c[3];
            int hd = c[4];
            Attention.Mask mask = c[5] == 1 ? Attention.Mask.causal(c[6]) : Attention.Mask.FULL;
            float[] q = gaussian(r, qRows * heads * hd);
            float[] k = gaussian(r, kRows * kvHeads * hd);
            float[] v = gaussian(r, kRows * kvHeads * hd);
            float[] bias = c[7] == 1 ? gaussian(r, heads * qRows * kRows) : null;
            float scale = (float) (1 / Math.sqrt(hd));
            double[] ref = reference(q, k, v, qRows, kRows, heads, kvHeads, hd, scale, mask, bias);
            String name = java.util.Arrays.toString(c);
            // every path reads its matrices inside larger arrays and writes inside a larger one (a
            // packed pass's rows), touching nothing outside its output
            int qw = heads * hd;
            float[] pq = padded(q, 5 * qw);
            float[] pk = padded(k, 3);
            float[] pv = padded(v, 7);
            for (String path : new String[] {"loops", "sgemm", "blocks", "chosen"}) {
                float[] po = new float[qRows * qw + 2 * 11];
                java.util.Arrays.fill(po, 42f);
                switch (path) {
                    case "loops" -> Attention.attendJava(pq, 5 * qw, pk, 3, pv, 7, qRows, kRows, heads, kvHeads, hd,
                        scale, mask, bias, po, 11);
                    case "sgemm" -> Attention.attendRows(pq, 5 * qw, pk, 3, pv, 7, qRows, kRows, heads, kvHeads, hd,
                        scale, mask, bias, po, 11);
                    case "blocks" -> Attention.attendBlocks(pq, 5 * qw, pk, 3, pv, 7, qRows, kRows, heads, kvHeads, hd,
                        scale, mask, bias, po, 11);
                    default -> Attention.attendInto(pq, 5 * qw, pk, 3, pv, 7, qRows, kRows, heads, kvHeads, hd, scale,
                        mask, bias, po, 11);
                }
                check(ref, java.util.Arrays.copyOfRange(po, 11, 11 + qRows * qw), path + " " + name);
                for (int i = 0; i < 11; i++) {
                    assertEquals(42f, po[i], path + ": before the output " + name);
                    assertEquals(42f, po[po.length - 1 - i], path + ": after the output " + name);
                }
            }
            check(ref, Attention.attend(q, k, v, qRows, kRows, heads, kvHeads, hd, scale, mask, bias), "attend " + name);
        }
    }

    /** @return x after {@code lead} values of noise, and as many after it */
    private static float[] padded(float[] x, int lead) {
        float[] p = gaussian(new Random(lead), x.length + 2 * lead);
        System.arraycopy(x, 0, p, lead, x.length);
        return p;
    }

    private static void check(double[] ref, float[] got, String what) {
        assertEquals(ref.length, got.length, what);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], got[i], 2e-5 * Math.max(1, Math.abs(ref[i])), what + " at " + i);
        }
    }

    private static double[] reference(float[] q, float[] k, float[] v, int qRows, int kRows, int heads, int kvHeads,
            int hd, float scale, Attention.Mask mask, float[] bias) {
        double[] out = new double[qRows * heads * hd];
        for (int h = 0; h < heads; h++) {
            int g = h / (heads / kvHeads);
            for (int i = 0; i < qRows; i++) {
                int pos = kRows - qRows + i;
                double[] w = new double[kRows];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < kRows; j++) {
                    boolean seen = !mask.causal() || j <= pos && (mask.window() == 0 || j > pos - mask.window());
                    if (!seen) {
                        w[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    for (int c = 0; c < hd; c++) {
                        dot += (double) q[(i * heads + h) * hd + c] * k[(j * kvHeads + g) * hd + c];
                    }
                    w[j] = dot * scale + (bias == null ? 0 : bias[(h * qRows + i) * kRows + j]);
                    max = Math.max(max, w[j]);
                }
                double sum = 0;
                for (int j = 0; j < kRows; j++) {
                    w[j] = Math.exp(w[j] - max);
                    sum += w[j];
                }
                for (int j = 0; j < kRows; j++) {
                    for (int c = 0; c < hd; c++) {
                        out[(i * heads + h) * hd + c] += w[j] / sum * v[(j * kvHeads + g) * hd + c];
                    }
                }
            }
        }
        return out;
    }

    private static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
