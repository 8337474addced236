package org.detectgpt.ensemble;

import java.util.List;
import org.detectgpt.criterion.Binoculars;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.util.Args;

/**
 * Features of an aligned pair of neural language models — M continued on machine texts (the
 * scoring model), H on human texts (the sampling model) — from one text's {@link TokenStatistics}
 * scored with both. Per token {@code d_i = log p_M(x_i | x_<i) − log p_H(x_i | x_<i)}:
 * <ol>
 *   <li>{@code pair_ratio_mean}: mean d (the {@code likelihood-ratio} criterion)</li>
 *   <li>{@code pair_ratio_sd}: standard deviation of d (divisor n)</li>
 *   <li>{@code pair_ratio_p10}, {@code pair_ratio_p50}, {@code pair_ratio_p90}: quantiles of d,
 *       {@code sorted[floor(p·(n−1))]}</li>
 *   <li>{@code pair_machine_mean}, {@code pair_human_mean}: mean log p under M and under H</li>
 *   <li>{@code pair_binoculars}: {@link Binoculars} with performer M and observer H</li>
 * </ol>
 * {@code detectgpt-models/pair/train-pair.py} ({@code pair_features}) computes the same on the
 * GPU for the cross-fitted training features; the two must change together.
 */
public final class PairFeatures {
    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of("pair_ratio_mean", "pair_ratio_sd", "pair_ratio_p10",
        "pair_ratio_p50", "pair_ratio_p90", "pair_machine_mean", "pair_human_mean", "pair_binoculars");

    private static final Binoculars BINOCULARS = new Binoculars();

    private PairFeatures() {}

    /**
     * @param s statistics of one text under M, with H as the sampling model (at least one position)
     * @return the features in {@link #NAMES} order
     * @throws IllegalArgumentException if the statistics hold no sampling model's log-probabilities
     */
    public static double[] of(TokenStatistics s) {
        double[] pm = s.logprob();
        double[] ph = s.samplingLogprob().orElseThrow(() -> new IllegalArgumentException(
            "the pair features need the human-side model's statistics (a sampling model)"));
        int n = pm.length;
        Args.check(n > 0, "no positions to score");
        double[] d = new double[n];
        double mm = 0;
        double mh = 0;
        for (int i = 0; i < n; i++) {
            d[i] = pm[i] - ph[i];
            mm += pm[i];
            mh += ph[i];
        }
        double[] sp = RatioFeatures.spread(d, 0.1, 0.5, 0.9);
        return new double[] {sp[0], sp[1], sp[2], sp[3], sp[4], mm / n, mh / n, BINOCULARS.score(s)};
    }
}
