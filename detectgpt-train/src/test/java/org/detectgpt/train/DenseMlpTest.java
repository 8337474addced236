package org.detectgpt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.detectgpt.ensemble.SparseLogisticRegression;
import org.detectgpt.ensemble.SparseVector;
import org.detectgpt.metrics.RocCurve;
import org.junit.jupiter.api.Test;

class DenseMlpTest {
    /** XOR of two signs: no linear score separates it, a ReLU network does. */
    private static double[][] xor(int n, Random r, boolean[] y) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            x[i] = new double[] {a, b, r.nextGaussian()};
            y[i] = (a > 0) != (b > 0);
        }
        return x;
    }

    private static double auroc(double[] s, boolean[] y) {
        return RocCurve.of(pick(s, y, false), pick(s, y, true)).auroc();
    }

    private static double[] pick(double[] s, boolean[] y, boolean label) {
        return java.util.stream.IntStream.range(0, s.length).filter(i -> y[i] == label).mapToDouble(i -> s[i]).toArray();
    }

    @Test
    void learnsXorWhereLogisticRegressionCannot() {
        Random r = new Random(7);
        boolean[] y = new boolean[600];
        double[][] x = xor(600, r, y);
        boolean[] ty = new boolean[400];
        double[][] tx = xor(400, r, ty);

        DenseMlp mlp = DenseMlp.fit(x, y, new DenseMlp.Settings(new int[] {32, 16}, 1e-4, 1e-2, 60, 15, 128, 0.15, 42));
        double mlpAuroc = auroc(mlp.logits(tx), ty);

        SparseVector[] sx = new SparseVector[x.length];
        for (int i = 0; i < x.length; i++) {
            sx[i] = new SparseVector(new int[] {0, 1, 2}, new float[] {(float) x[i][0], (float) x[i][1], (float) x[i][2]});
        }
        SparseLogisticRegression lr = SparseLogisticRegression.fit(sx, y, 3, 1e-3);
        double[] lrs = new double[tx.length];
        for (int i = 0; i < tx.length; i++) {
            lrs[i] = lr.logit(new SparseVector(new int[] {0, 1, 2},
                new float[] {(float) tx[i][0], (float) tx[i][1], (float) tx[i][2]}));
        }
        double lrAuroc = auroc(lrs, ty);
        assertTrue(mlpAuroc > 0.9, "MLP held-out AUROC " + mlpAuroc);
        assertTrue(lrAuroc < 0.65, "LR held-out AUROC " + lrAuroc);
    }

    @Test
    void sameSeedSameNetwork() {
        Random r = new Random(3);
        boolean[] y = new boolean[200];
        double[][] x = xor(200, r, y);
        DenseMlp.Settings s = new DenseMlp.Settings(new int[] {8}, 1e-4, 1e-2, 20, 5, 32, 0.2, 11);
        assertArrayEquals(DenseMlp.fit(x, y, s).logits(x), DenseMlp.fit(x, y, s).logits(x), 1e-6);
    }
}
