package org.detectgpt.ensemble;

import java.util.Arrays;

/**
 * A sparse vector: strictly ascending indices and their values (float: a fit streams millions of
 * them, and memory bandwidth is what bounds it). Immutable.
 *
 * @param indices ascending bucket indices
 * @param values the values at them
 */
public record SparseVector(int[] indices, float[] values) {
    /**
     * Sums duplicate indices and scales each by {@code weights[index]} (when weights are given).
     *
     * @param idx indices, any order, duplicates allowed
     * @param val values
     * @param weights per-index factors, or null
     * @return the vector
     */
    static SparseVector of(int[] idx, double[] val, float[] weights) {
        // sort positions by index without boxing: index in the high bits, position in the low
        long[] key = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            key[i] = ((long) idx[i] << 32) | i;
        }
        Arrays.sort(key);
        int[] oi = new int[idx.length];
        double[] ov = new double[idx.length];
        int m = 0;
        for (long k : key) {
            int at = (int) (k >>> 32);
            double v = val[(int) k];
            if (m > 0 && oi[m - 1] == at) {
                ov[m - 1] += v;
            } else {
                oi[m] = at;
                ov[m] = v;
                m++;
            }
        }
        if (weights != null) {
            for (int i = 0; i < m; i++) {
                ov[i] *= weights[oi[i]];
            }
        }
        float[] fv = new float[m];
        for (int i = 0; i < m; i++) {
            fv[i] = (float) ov[i];
        }
        return new SparseVector(Arrays.copyOf(oi, m), fv);
    }

    /** @return this divided by its L2 norm (the zero vector stays zero) */
    public SparseVector normalised() {
        double s = 0;
        for (float v : values) {
            s += (double) v * v;
        }
        if (s == 0) {
            return this;
        }
        double inv = 1 / Math.sqrt(s);
        float[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * inv);
        }
        return new SparseVector(indices, v);
    }

    /** @return Σ values[i] · w[indices[i]] */
    public double dot(float[] w) {
        double s = 0;
        for (int i = 0; i < indices.length; i++) {
            s += (double) values[i] * w[indices[i]];
        }
        return s;
    }

    /** @return Σ values[i] · w[indices[i]] */
    public double dot(double[] w) {
        double s = 0;
        for (int i = 0; i < indices.length; i++) {
            s += (double) values[i] * w[indices[i]];
        }
        return s;
    }
}
