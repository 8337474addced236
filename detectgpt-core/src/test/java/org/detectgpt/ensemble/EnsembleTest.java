package org.detectgpt.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.detectgpt.DetectGptException;
import org.detectgpt.metrics.RocCurve;
import org.detectgpt.stats.TokenStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logistic regression, features and the ensemble file. */
class EnsembleTest {
    @Test
    void logisticRegressionRecoversAKnownModel() {
        // y ~ Bernoulli(σ(2·x0 − 1·x1 + 0.5)), x1 scaled by 10 to exercise standardisation
        Random r = new Random(1);
        int n = 20000;
        double[][] x = new double[n][3];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = 10 * r.nextGaussian();
            x[i][2] = r.nextGaussian(); // noise
            double z = 2 * x[i][0] - 0.1 * x[i][1] + 0.5;
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        LogisticRegression m = LogisticRegression.fit(x, y, 0.0);
        // log-odds in the original units: 2 per unit of x0, −0.1 per unit of x1, 0 for x2
        assertEquals(2.0, m.logit(new double[] {1, 0, 0}) - m.logit(new double[] {0, 0, 0}), 0.1);
        assertEquals(-0.1, m.logit(new double[] {0, 1, 0}) - m.logit(new double[] {0, 0, 0}), 0.01);
        assertEquals(0.0, m.logit(new double[] {0, 0, 1}) - m.logit(new double[] {0, 0, 0}), 0.05);
        assertEquals(0.5, m.logit(new double[] {0, 0, 0}), 0.08);
    }

    @Test
    void regularisationShrinksWeights() {
        double[][] x = {{0}, {1}, {2}, {3}};
        boolean[] y = {false, false, true, true}; // separable: unregularised weights would diverge
        LogisticRegression strong = LogisticRegression.fit(x, y, 10);
        LogisticRegression weak = LogisticRegression.fit(x, y, 0.1);
        assertTrue(Math.abs(strong.weights()[0]) < Math.abs(weak.weights()[0]));
        assertTrue(Double.isFinite(weak.weights()[0]));
    }

    static TokenStatistics stats(double[] lp, int[] rank) {
        int n = lp.length;
        double[] ent = new double[n];
        double[] mu = new double[n];
        double[] var = new double[n];
        java.util.Arrays.fill(ent, 2.0);
        java.util.Arrays.fill(mu, -2.0);
        java.util.Arrays.fill(var, 1.0);
        return new TokenStatistics(new int[n + 1], lp, rank, ent, mu, var, null, null);
    }

    @Test
    void featuresAreComputedFromTheStatistics() {
        double[] f = Features.of(stats(new double[] {-1, -3}, new int[] {1, 20}));
        assertEquals(Features.NAMES.size(), f.length);
        assertEquals(-2.0, f[0], 1e-12); // likelihood
        assertEquals(-Math.log(20) / 2, f[1], 1e-12); // logrank
        assertEquals(2.0, f[2], 1e-12); // entropy
        assertEquals((-4 - -4) / Math.sqrt(2), f[3], 1e-12); // fast-detectgpt: Σ lp = Σ μ
        assertEquals(0.5, f[7], 1e-12); // one of two tokens in the top 10
        assertEquals(1.0, f[8], 1e-12); // std of {-1, -3}
        assertEquals(-3.0, f[9], 1e-12); // 10th percentile
        assertEquals(Math.log(2), f[10], 1e-12);
    }

    @Test
    void ensembleSeparatesAndRoundTrips(@TempDir Path dir) throws Exception {
        Random r = new Random(5);
        int n = 400;
        double[][] x = new double[n][Features.NAMES.size()];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0;
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = r.nextGaussian() + (y[i] && j == 0 ? 1.5 : 0);
            }
        }
        Ensemble e = new Ensemble("m", "synthetic", LogisticRegression.fit(x, y, 1.0));
        double[] h = new double[n / 2];
        double[] m = new double[n / 2];
        for (int i = 0; i < n; i++) {
            (y[i] ? m : h)[i / 2] = e.regression().logit(x[i]);
        }
        assertTrue(RocCurve.of(h, m).auroc() > 0.8);
        Path f = dir.resolve("e.json");
        e.write(f);
        Ensemble back = Ensemble.read(f);
        assertArrayEquals(e.regression().weights(), back.regression().weights(), 0.0);
        assertEquals(e.regression().bias(), back.regression().bias(), 0.0);
        assertEquals("m", back.model());
        Files.writeString(f, "{}");
        DetectGptException ex = assertThrows(DetectGptException.class, () -> Ensemble.read(f));
        assertTrue(ex.getMessage().startsWith(f.toString()));
    }
}
