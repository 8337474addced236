package org.detectgpt.ensemble;

import java.util.Arrays;
import java.util.List;
import org.detectgpt.criterion.Binoculars;
import org.detectgpt.criterion.FastDetectGpt;
import org.detectgpt.criterion.GltrBuckets;
import org.detectgpt.criterion.LogLikelihood;
import org.detectgpt.criterion.LogLikelihoodLogRankRatio;
import org.detectgpt.criterion.LogRank;
import org.detectgpt.stats.TokenStatistics;

/**
 * The per-text features the {@code ensemble} criterion combines, all computed from one text's
 * {@link TokenStatistics} under one model:
 * <ol>
 *   <li>{@code likelihood}: mean log p</li>
 *   <li>{@code logrank}: −mean log rank</li>
 *   <li>{@code entropy}: mean entropy</li>
 *   <li>{@code fast_detectgpt}: Fast-DetectGPT's analytic discrepancy</li>
 *   <li>{@code fast_detectgpt_per_token}: the same divided by √n (its scale grows with length)</li>
 *   <li>{@code lrr}: log-likelihood / log-rank ratio</li>
 *   <li>{@code binoculars}: −log-ppl / mean entropy</li>
 *   <li>{@code gltr_top10}: share of tokens ranked in the top 10</li>
 *   <li>{@code logprob_std}: standard deviation of log p over the tokens (spread)</li>
 *   <li>{@code logprob_p10}: 10th percentile of log p (the most surprising tokens)</li>
 *   <li>{@code log_tokens}: ln n</li>
 * </ol>
 */
public final class Features {
    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of("likelihood", "logrank", "entropy", "fast_detectgpt",
        "fast_detectgpt_per_token", "lrr", "binoculars", "gltr_top10", "logprob_std", "logprob_p10", "log_tokens");

    private static final LogLikelihood LIKELIHOOD = new LogLikelihood();
    private static final LogRank LOG_RANK = new LogRank();
    private static final FastDetectGpt FAST = new FastDetectGpt();
    private static final LogLikelihoodLogRankRatio LRR = new LogLikelihoodLogRankRatio();
    private static final Binoculars BINOCULARS = new Binoculars();
    private static final GltrBuckets GLTR = new GltrBuckets();

    private Features() {}

    /**
     * @param s statistics of one text (at least one position)
     * @return the feature vector, in {@link #NAMES} order
     */
    public static double[] of(TokenStatistics s) {
        int n = s.size();
        double[] lp = s.logprob();
        double mean = Arrays.stream(lp).average().orElse(0);
        double var = 0;
        for (double x : lp) {
            var += (x - mean) * (x - mean);
        }
        double[] sorted = lp.clone();
        Arrays.sort(sorted);
        double fast = FAST.score(s);
        return new double[] {
            mean,
            LOG_RANK.score(s),
            Arrays.stream(s.entropy()).average().orElse(0),
            fast,
            fast / Math.sqrt(n),
            LRR.score(s),
            BINOCULARS.score(s),
            GLTR.fractions(s)[0],
            Math.sqrt(var / n),
            sorted[(int) Math.floor(0.1 * (n - 1))],
            Math.log(n)
        };
    }
}
