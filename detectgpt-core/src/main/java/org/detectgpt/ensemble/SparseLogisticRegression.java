package org.detectgpt.ensemble;

import java.util.stream.IntStream;
import org.detectgpt.util.Args;

/**
 * L2-regularised logistic regression over {@link SparseVector}s, fitted by {@link Lbfgs}:
 * minimises {@code (1/W) Σ_i ω_i · logloss(y_i, b + w·x_i) + (λ/2)‖w‖²} where ω balances the
 * two classes (each class weighs half) and W = Σ ω. The bias b is not penalised.
 *
 * @param weights w, one per bucket
 * @param bias b
 */
public record SparseLogisticRegression(float[] weights, double bias) {
    /**
     * @param x rows
     * @param y labels, true = machine
     * @param dim the vector space's dimension
     * @param lambda L2 strength λ
     * @return the fitted model
     */
    public static SparseLogisticRegression fit(SparseVector[] x, boolean[] y, int dim, double lambda) {
        int n = x.length;
        Args.check(n > 0 && y.length == n, "need as many labels as rows (%d vs %d)", y.length, n);
        long pos = IntStream.range(0, n).filter(i -> y[i]).count();
        Args.check(pos > 0 && pos < n, "need both classes");
        double wPos = 0.5 / pos;
        double wNeg = 0.5 / (n - pos);
        Lbfgs.Objective f = (beta, g) -> {
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                SparseVector v = x[i];
                double z = beta[dim];
                int[] idx = v.indices();
                float[] val = v.values();
                for (int k = 0; k < idx.length; k++) {
                    z += beta[idx[k]] * val[k];
                }
                double om = y[i] ? wPos : wNeg;
                // log(1 + e^{−z}) for y = 1, log(1 + e^{z}) for y = 0, computed stably
                double m = y[i] ? -z : z;
                loss += om * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
                double r = om * (sigmoid(z) - (y[i] ? 1 : 0));
                for (int k = 0; k < idx.length; k++) {
                    g[idx[k]] += r * val[k];
                }
                g[dim] += r;
            }
            for (int j = 0; j < dim; j++) {
                loss += 0.5 * lambda * beta[j] * beta[j];
                g[j] += lambda * beta[j];
            }
            return loss;
        };
        // at most 120 steps bounds the fitting time; held-out AUROC, not the loss, judges the fit
        double[] beta = Lbfgs.minimise(f, new double[dim + 1], 120, 1e-7);
        float[] w = new float[dim];
        for (int j = 0; j < dim; j++) {
            w[j] = (float) beta[j];
        }
        return new SparseLogisticRegression(w, beta[dim]);
    }

    /** @return the log-odds b + w·x */
    public double logit(SparseVector x) {
        return bias + x.dot(weights);
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
