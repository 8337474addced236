package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * Negated mean rank of the observed tokens under the scoring model:
 * <pre>score = −(1/n) Σ_i r_i,   r_i = 1 + #{v : p(v) &gt; p(x_i)}  (1-based)</pre>
 *
 * <p>Orientation: machine text mostly picks top-ranked tokens, so its mean rank is low; the mean
 * is negated so that higher means more likely machine-written. The score is ≤ −1, and exactly −1
 * when every token is the model's first choice.
 *
 * <p>Edge cases: at least one position is required ({@link IllegalArgumentException} otherwise).
 *
 * <p>Reference: Gehrmann et al. 2019, <i>GLTR: Statistical Detection and Visualization of
 * Generated Text</i> (ACL demo); the "rank" baseline of Mitchell et al. 2023, <i>DetectGPT</i>.
 */
public final class Rank extends NamedCriterion {
    /** Command-line name. */
    public static final String NAME = "rank";

    /** Creates the criterion. */
    public Rank() {
        super(NAME);
    }

    @Override
    public double score(TokenStatistics stats) {
        int n = Sums.positions(stats, NAME);
        long sum = 0;
        for (int r : stats.rank()) {
            sum += r;
        }
        return -(double) sum / n;
    }

}
