package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * Fast-DetectGPT's analytic sampling discrepancy (conditional probability curvature):
 * <pre>d = (Σ_i lp_i − Σ_i μ_i) / sqrt(Σ_i σ²_i)</pre>
 * with p the scoring model, q the sampling model, and per position i
 * μ_i = Σ_v q(v) log p(v), σ²_i = Σ_v q(v) (log p(v))² − μ_i². When the statistics carry a
 * sampling model ({@link TokenStatistics#hasCross()}) μ and σ² are its cross statistics; otherwise
 * q = p and they are {@link TokenStatistics#expectedLogprob()} and
 * {@link TokenStatistics#varianceLogprob()}. Sums, not means, as in the authors' code
 * ({@code (log_likelihood.sum(-1) - mean_ref.sum(-1)) / var_ref.sum(-1).sqrt()}).
 *
 * <p>Orientation: used as is — a machine text's log-likelihood lies above that of typical
 * samples from q (positive curvature), so higher means more likely machine-written.
 *
 * <p>Edge cases: σ²_i below 0 (rounding) count as 0. When Σ σ² = 0 (every distribution
 * one-hot or uniform on its support) the denominator is taken as 1, so the score is the plain
 * discrepancy Σ lp − Σ μ, which is 0 when q = p. At least one position is required
 * ({@link IllegalArgumentException} otherwise).
 *
 * <p>Reference: Bao, Zhao, Teng, Yang, Zhang 2024, <i>Fast-DetectGPT: Efficient Zero-Shot
 * Detection of Machine-Generated Text via Conditional Probability Curvature</i> (ICLR), the
 * analytic form of the sampling discrepancy.
 */
public final class FastDetectGpt extends NamedCriterion {
    /** Command-line name. */
    public static final String NAME = "fast-detectgpt";

    /** Creates the criterion. */
    public FastDetectGpt() {
        super(NAME);
    }

    @Override
    public boolean usesSamplingModel() {
        return true;
    }

    @Override
    public double score(TokenStatistics stats) {
        Sums.positions(stats, NAME);
        double[] mean = stats.hasCross() ? stats.crossExpectedLogprob().orElseThrow()
            : stats.expectedLogprob();
        double[] variance = stats.hasCross() ? stats.crossVarianceLogprob().orElseThrow()
            : stats.varianceLogprob();
        double discrepancy = Sums.sum(stats.logprob()) - Sums.sum(mean);
        double sumVariance = 0;
        for (double v : variance) {
            sumVariance += Math.max(v, 0);
        }
        return sumVariance > 0 ? discrepancy / Math.sqrt(sumVariance) : discrepancy;
    }

}
