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
        double mean = 0;
        double mh = 0;
        double mm = 0;
        for (int i = 0; i < n; i++) {
            d[i] = pm[i] - ph[i];
            mean += d[i] / n;
            mh += ph[i] / n;
            mm += pm[i] / n;
        }
        double var = 0;
        for (double x : d) {
            var += (x - mean) * (x - mean) / n;
        }
        Arrays.sort(d);
        return new double[] {mean, Math.sqrt(var), q(d, 0.10), q(d, 0.25), q(d, 0.5), q(d, 0.75), q(d, 0.90), mh, mm};
    }

    private static double q(double[] sorted, double p) {
        return sorted[(int) Math.floor(p * (sorted.length - 1))];
    }
}
