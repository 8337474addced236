package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * Negated mean log-rank of the observed tokens under the scoring model:
 * <pre>score = −(1/n) Σ_i ln r_i   (r_i 1-based, natural log)</pre>
 *
 * <p>Orientation: machine text has low ranks, so the mean log-rank is negated; higher means more
 * likely machine-written. The score is ≤ 0, and exactly 0 when every token has rank 1.
 *
 * <p>Edge cases: at least one position is required ({@link IllegalArgumentException} otherwise).
 *
 * <p>Reference: the "log-rank" baseline introduced by Mitchell et al. 2023, <i>DetectGPT:
 * Zero-Shot Machine-Generated Text Detection using Probability Curvature</i> (ICML).
 */
public final class LogRank extends NamedCriterion {
    /** Command-line name. */
    public static final String NAME = "logrank";

    /** Creates the criterion. */
    public LogRank() {
        super(NAME);
    }

    @Override
    public double score(TokenStatistics stats) {
        int n = Sums.positions(stats, NAME);
        return -Sums.sumLog(stats.rank()) / n;
    }

}
