package org.detectgpt.ensemble;

/**
 * Limited-memory BFGS (Nocedal and Wright, Algorithm 7.5) with a backtracking Armijo line
 * search, for smooth convex objectives such as the regularised logistic loss. Stops when the
 * gradient's largest entry falls below {@code tolerance} or after {@code maxIterations}.
 */
final class Lbfgs {
    /** An objective: writes the gradient at x into g and returns the value. */
    interface Objective {
        double evaluate(double[] x, double[] g);
    }

    private Lbfgs() {}

    static double[] minimise(Objective f, double[] x0, int maxIterations, double tolerance) {
        int n = x0.length;
        int m = 8;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        double[][] s = new double[m][];
        double[][] y = new double[m][];
        double[] rho = new double[m];
        int stored = 0;
        int head = 0;
        double[] alpha = new double[m];
        for (int iter = 0; iter < maxIterations; iter++) {
            if (maxAbs(g) < tolerance) {
                break;
            }
            double[] d = g.clone();
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, m);
                alpha[i] = rho[i] * dot(s[i], d);
                axpy(-alpha[i], y[i], d);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, m);
                double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
                scale(d, gamma);
            } else {
                scale(d, 1 / Math.max(1, Math.sqrt(dot(g, g))));
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, m);
                double beta = rho[i] * dot(y[i], d);
                axpy(alpha[i] - beta, s[i], d);
            }
            // d now approximates H·g; step along −d
            double slope = -dot(g, d);
            if (slope >= 0) {
                d = g.clone();
                slope = -dot(g, g);
                stored = 0;
            }
            double step = 1;
            double[] xn = new double[n];
            double[] gn = new double[n];
            double fn;
            int tries = 0;
            while (true) {
                for (int j = 0; j < n; j++) {
                    xn[j] = x[j] - step * d[j];
                }
                fn = f.evaluate(xn, gn);
                if (fn <= fx + 1e-4 * step * slope || ++tries > 40) {
                    break;
                }
                step *= 0.5;
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int j = 0; j < n; j++) {
                sk[j] = xn[j] - x[j];
                yk[j] = gn[j] - g[j];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12) {
                s[head] = sk;
                y[head] = yk;
                rho[head] = 1 / sy;
                head = (head + 1) % m;
                stored = Math.min(stored + 1, m);
            }
            boolean converged = Math.abs(fx - fn) <= 1e-8 * Math.max(1, Math.abs(fx));
            x = xn;
            g = gn;
            fx = fn;
            if (converged) {
                break;
            }
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
