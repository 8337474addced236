package org.detectgpt.ensemble;

import java.util.Arrays;
import java.util.List;

/**
 * Features of the likelihood ratio of a machine-text and a human-text {@link BigramLm}: per
 * token {@code d_i = ln P_machine(t_i | t_{i−1}) − ln P_human(t_i | t_{i−1})}, summarised by its
 * mean, standard deviation and quantiles, plus each model's mean log-probability. A ratio, not
 * one aligned model: what both models find likely (topic, common phrasing) cancels.
 */
public final class RatioFeatures {
    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of("ratio_mean", "ratio_sd", "ratio_p10", "ratio_p25",
        "ratio_p50", "ratio_p75", "ratio_p90", "human_lm_mean", "machine_lm_mean");

    private RatioFeatures() {}

    /**
     * @param machine the machine-text model
     * @param human the human-text model
     * @param tokens a text's tokens
     * @return the features in {@link #NAMES} order (zeros for no tokens)
     */
    public static double[] of(BigramLm machine, BigramLm human, List<String> tokens) {
        if (tokens.isEmpty()) {
            return new double[NAMES.size()];
        }
        double[] pm = machine.logProbs(tokens);
        double[] ph = human.logProbs(tokens);
        int n = pm.length;
        double[] d = new double[n];
        double mh = 0;
        double mm = 0;
        for (int i = 0; i < n; i++) {
            d[i] = pm[i] - ph[i];
            mh += ph[i] / n;
            mm += pm[i] / n;
        }
        double[] s = spread(d, 0.10, 0.25, 0.5, 0.75, 0.90);
        return new double[] {s[0], s[1], s[2], s[3], s[4], s[5], s[6], mh, mm};
    }

    /**
     * @param d per-token values (at least one; sorted in place)
     * @param probs quantile levels p, each read as {@code sorted[floor(p·(n−1))]}
     * @return mean, standard deviation (divisor n), then the quantiles
     */
    static double[] spread(double[] d, double... probs) {
        int n = d.length;
        double mean = 0;
        for (double x : d) {
            mean += x / n;
        }
        double var = 0;
        for (double x : d) {
            var += (x - mean) * (x - mean) / n;
        }
        Arrays.sort(d);
        double[] out = new double[2 + probs.length];
        out[0] = mean;
        out[1] = Math.sqrt(var);
        for (int k = 0; k < probs.length; k++) {
            out[2 + k] = q(d, probs[k]);
        }
        return out;
    }

    private static double q(double[] sorted, double p) {
        return sorted[(int) Math.floor(p * (sorted.length - 1))];
    }
}
