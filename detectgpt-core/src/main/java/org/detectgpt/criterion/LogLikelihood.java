package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * Mean token log-likelihood under the scoring model:
 * <pre>score = (1/n) Σ_i lp_i,   lp_i = log p(x_i | x_&lt;i)</pre>
 *
 * <p>Orientation: used as is — machine text is sampled from high-probability regions, so a higher
 * mean log-likelihood means more likely machine-written. The score is ≤ 0 (nats).
 *
 * <p>Edge cases: at least one position is required ({@link IllegalArgumentException} otherwise);
 * a token of probability 0 gives −∞.
 *
 * <p>Reference: Solaiman et al. 2019, <i>Release Strategies and the Social Impacts of Language
 * Models</i>; Gehrmann et al. 2019, <i>GLTR</i>; the "log p(x)" baseline of Mitchell et al. 2023,
 * <i>DetectGPT</i> (ICML) and of Bao et al. 2024, <i>Fast-DetectGPT</i> (ICLR).
 */
public final class LogLikelihood extends NamedCriterion {
    /** Command-line name. */
    public static final String NAME = "likelihood";

    /** Creates the criterion. */
    public LogLikelihood() {
        super(NAME);
    }

    @Override
    public double score(TokenStatistics stats) {
        int n = Sums.positions(stats, NAME);
        return Sums.sum(stats.logprob()) / n;
    }

}
