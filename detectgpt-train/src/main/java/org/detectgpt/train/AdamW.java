package org.detectgpt.train;

/**
 * AdamW (Loshchilov and Hutter 2019) with global-norm gradient clipping:
 * {@code m ← β1 m + (1−β1) g}, {@code v ← β2 v + (1−β2) g²},
 * {@code θ ← θ − lr·(m̂ / (√v̂ + ε) + λθ)} with bias-corrected m̂, v̂; decay λ only on matrices.
 */
public final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final float[] m;
    private final float[] v;
    private long t;
    private boolean[] decay;

    /**
     * @param size number of parameters
     * @param beta1 first-moment decay (0.9)
     * @param beta2 second-moment decay (0.95)
     * @param weightDecay λ (0.1)
     */
    public AdamW(int size, double beta1, double beta2, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = 1e-8;
        this.weightDecay = weightDecay;
        this.m = new float[size];
        this.v = new float[size];
    }

    /** @return first moments (for checkpoints) */
    public float[] m() {
        return m;
    }

    /** @return second moments (for checkpoints) */
    public float[] v() {
        return v;
    }

    /** @return steps taken */
    public long steps() {
        return t;
    }

    /** @param steps steps taken (when resuming) */
    public void setSteps(long steps) {
        this.t = steps;
    }

    /**
     * One update.
     *
     * @param model parameters and gradients
     * @param lr learning rate
     * @param clip maximum global gradient norm
     * @return the gradient norm before clipping
     */
    public double update(TrainableLlama model, double lr, double clip) {
        float[] p = model.params();
        float[] g = model.grads();
        double norm = 0;
        for (float x : g) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        double scale = norm > clip ? clip / norm : 1.0;
        if (decay == null) {
            decay = new boolean[p.length];
            for (int i = 0; i < p.length; i++) {
                decay[i] = weightDecay > 0 && model.isMatrix(i);
            }
        }
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] * scale;
            m[i] = (float) (beta1 * m[i] + (1 - beta1) * gi);
            v[i] = (float) (beta2 * v[i] + (1 - beta2) * gi * gi);
            double update = (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
            if (decay[i]) {
                update += weightDecay * p[i];
            }
            p[i] = (float) (p[i] - lr * update);
        }
        return norm;
    }
}
