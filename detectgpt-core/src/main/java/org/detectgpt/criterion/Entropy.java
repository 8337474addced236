package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * Negated mean predictive entropy of the scoring model:
 * <pre>score = −(1/n) Σ_i H_i,   H_i = −Σ_v p(v | x_&lt;i) ln p(v | x_&lt;i)  (nats)</pre>
 *
 * <p>Orientation: machine text is generated where the model is confident, so the contexts of a
 * machine text tend to have low next-token entropy; this criterion is the <b>negated</b> mean
 * entropy, so higher means more likely machine-written. The score is ≤ 0. (A baseline that
 * reports the mean entropy itself has the opposite orientation: its AUROC is 1 − this one's.)
 *
 * <p>Edge cases: at least one position is required ({@link IllegalArgumentException} otherwise).
 *
 * <p>Reference: Gehrmann et al. 2019, <i>GLTR</i> (entropy of the predicted distribution as a
 * feature); the "entropy" baseline of Mitchell et al. 2023, <i>DetectGPT</i> (ICML).
 */
public final class Entropy extends NamedCriterion {
    /** Command-line name. */
    public static final String NAME = "entropy";

    /** Creates the criterion. */
    public Entropy() {
        super(NAME);
    }

    @Override
    public double score(TokenStatistics stats) {
        int n = Sums.positions(stats, NAME);
        return -Sums.sum(stats.entropy()) / n;
    }

}
