package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * Log-Likelihood Log-Rank Ratio (LRR):
 * <pre>score = −(Σ_i lp_i) / max(Σ_i ln r_i, ε),   ε = (ln 2) / 2</pre>
 * which equals −mean(lp) / mean(ln r) whenever some token has rank &gt; 1.
 *
 * <p>Orientation: used as is. Machine text has a high log-likelihood (small −Σ lp) but an even
 * smaller log-rank sum, and the ratio is higher for machine text, as in the paper. The score is
 * ≥ 0.
 *
 * <p>Edge cases: when every token has rank 1, Σ ln r = 0 and the plain ratio would be +∞ (or
 * NaN when also Σ lp = 0). The denominator is therefore floored at ε = (ln 2)/2, half the smallest
 * positive value Σ ln r can take (one token of rank 2): the score stays finite, an all-rank-1
 * text scores 2·(−Σ lp)/ln 2, twice what the same likelihood with one rank-2 token would score,
 * and a text whose every token has probability 1 scores 0. At least one position is required
 * ({@link IllegalArgumentException} otherwise).
 *
 * <p>Reference: Su, Zhuo, Wang, Nakov 2023, <i>DetectLLM: Leveraging Log Rank Information for
 * Zero-Shot Detection of Machine-Generated Text</i> (Findings of EMNLP), section "LRR".
 */
public final class LogLikelihoodLogRankRatio extends NamedCriterion {
    /** Command-line name. */
    public static final String NAME = "lrr";

    /** Creates the criterion. */
    public LogLikelihoodLogRankRatio() {
        super(NAME);
    }

    /** Floor of the log-rank sum, (ln 2)/2: half the smallest positive Σ ln r. */
    public static final double MIN_LOG_RANK_SUM = 0.5 * Math.log(2);

    @Override
    public double score(TokenStatistics stats) {
        Sums.positions(stats, NAME);
        double logLikelihood = Sums.sum(stats.logprob());
        double logRank = Math.max(Sums.sumLog(stats.rank()), MIN_LOG_RANK_SUM);
        return -logLikelihood / logRank;
    }

}
