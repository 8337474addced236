package org.detectgpt.ensemble;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.detectgpt.util.Args;

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS) on standardised features:
 * minimises {@code −Σ_i [y_i log σ(z_i) + (1 − y_i) log(1 − σ(z_i))] + (λ/2)·‖w‖²} with
 * {@code z = b + w·(x − μ)/s}; the bias b is not penalised. Each Newton step solves
 * {@code (XᵀWX + λI) Δ = ∇} by Cholesky (Commons Math). Converges in a few steps; stops when the
 * largest change falls below 1e-9 or after 100 steps.
 *
 * @param mean per-feature mean μ used for standardisation
 * @param scale per-feature standard deviation s (1 for constant features)
 * @param weights w, on standardised features
 * @param bias b
 */
public record LogisticRegression(double[] mean, double[] scale, double[] weights, double bias) {
    /**
     * @param x rows of features
     * @param y labels, true = machine
     * @param lambda L2 strength λ (on standardised weights)
     * @return the fitted model
     */
    public static LogisticRegression fit(double[][] x, boolean[] y, double lambda) {
        int n = x.length;
        Args.check(n > 0 && y.length == n, "need as many labels as rows (%d vs %d)", y.length, n);
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1.0;
        }
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            z[i][0] = 1;
            for (int j = 0; j < d; j++) {
                z[i][j + 1] = (x[i][j] - mean[j]) / scale[j];
            }
        }
        double[] beta = new double[d + 1];
        for (int iter = 0; iter < 100; iter++) {
            double[][] h = new double[d + 1][d + 1];
            double[] g = new double[d + 1];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(dot(beta, z[i]));
                double w = Math.max(p * (1 - p), 1e-12);
                double r = (y[i] ? 1 : 0) - p;
                for (int a = 0; a <= d; a++) {
                    g[a] += r * z[i][a];
                    for (int b = 0; b <= d; b++) {
                        h[a][b] += w * z[i][a] * z[i][b];
                    }
                }
            }
            for (int a = 1; a <= d; a++) {
                h[a][a] += lambda;
                g[a] -= lambda * beta[a];
            }
            h[0][0] += 1e-9;
            RealMatrix hm = new Array2DRowRealMatrix(h, false);
            RealVector step = new CholeskyDecomposition(hm, 1e-12, 1e-14).getSolver().solve(new ArrayRealVector(g, false));
            double max = 0;
            for (int a = 0; a <= d; a++) {
                beta[a] += step.getEntry(a);
                max = Math.max(max, Math.abs(step.getEntry(a)));
            }
            if (max < 1e-9) {
                break;
            }
        }
        double[] w = new double[d];
        System.arraycopy(beta, 1, w, 0, d);
        return new LogisticRegression(mean, scale, w, beta[0]);
    }

    /** @return the linear score z = b + w·(x − μ)/s (log-odds of machine) */
    public double logit(double[] x) {
        Args.check(x.length == weights.length, "expected %d features, got %d", weights.length, x.length);
        double z = bias;
        for (int j = 0; j < x.length; j++) {
            z += weights[j] * (x[j] - mean[j]) / scale[j];
        }
        return z;
    }

    /** @return σ(z), the probability of machine under the fitted model */
    public double probability(double[] x) {
        return sigmoid(logit(x));
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
