package org.detectgpt.criterion;

import java.util.List;
import org.detectgpt.stats.TokenStatistics;

/**
 * Normalized log-rank perturbation (DetectLLM-NPR). With {@code lr(x) = (1/n) Σ_i ln r_i} the
 * mean log-rank of the observed tokens under the scoring model (1-based ranks, so lr ≥ 0) and
 * x̃_1 … x̃_m the perturbations of x (the same ones DetectGPT uses):
 * <pre>NPR = ((1/m) Σ_k lr(x̃_k)) / lr(x)</pre>
 *
 * <p>Orientation: used as is, as in the paper and the authors' code
 * ({@code perturbed_logrank / original_logrank}) — machine text is more sensitive to perturbation:
 * its tokens rank high (small lr) and perturbing them raises the log-rank by a larger factor, so
 * NPR &gt; 1 and larger for machine text. Higher means more likely machine-written.
 *
 * <p>Edge case: lr(x) = 0 (every token ranked first) is floored at {@value #MIN_LOG_RANK}, so the
 * score stays finite and very high.
 *
 * <p>Reference: Su, Zhuo, Wang, Nakov 2023, <i>DetectLLM: Leveraging Log Rank Information for
 * Zero-Shot Detection of Machine-Generated Text</i> (Findings of EMNLP), §3.2.
 */
public final class Npr implements PerturbationCriterion {
    /** Command-line name. */
    public static final String NAME = "npr";
    /** Floor of the original's mean log-rank. */
    public static final double MIN_LOG_RANK = 1e-6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(TokenStatistics original, List<TokenStatistics> perturbed) {
        int m = DetectGpt.perturbations(perturbed, NAME);
        double sum = 0;
        for (TokenStatistics p : perturbed) {
            sum += meanLogRank(p);
        }
        return sum / m / Math.max(meanLogRank(original), MIN_LOG_RANK);
    }

    private static double meanLogRank(TokenStatistics s) {
        return Sums.sumLog(s.rank()) / Sums.positions(s, NAME);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
