package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * Binoculars: log-perplexity over cross-perplexity, negated.
 * <pre>
 * logppl = −(1/n) Σ_i lp_i                     (the text under the performer p, the scoring model)
 * x      = −(1/n) Σ_i Σ_v q(v) log p(v)        (cross-perplexity, q = observer = sampling model)
 * B      = logppl / max(x, ε),   score = −B,   ε = 1e-6 nats
 * </pre>
 * As in the authors' code, the per-position cross term is the cross-entropy of the performer's
 * distribution against the observer's ({@link TokenStatistics#crossExpectedLogprob()}). Without a
 * sampling model q = p, and x = −(1/n) Σ μ_i is the mean entropy of p.
 *
 * <p>Orientation: in the paper a <b>low</b> B means machine-written; this criterion returns −B,
 * so higher means more likely machine-written. The score is ≤ 0.
 *
 * <p>Edge cases: x is ≥ 0 in exact arithmetic and 0 only when the observer puts all its mass
 * where p is certain; the denominator is floored at ε = 1e-6 nats so the score stays finite
 * (a text that p predicts with certainty then scores 0, the most machine-like value). At least
 * one position is required ({@link IllegalArgumentException} otherwise).
 *
 * <p>Reference: Hans, Schwarzschild, Cherepanova, Kazemi, Saha, Goldblum, Geiping, Goldstein
 * 2024, <i>Spotting LLMs With Binoculars: Zero-Shot Detection of Machine-Generated Text</i>
 * (ICML), and the authors' reference implementation.
 */
public final class Binoculars extends NamedCriterion {
    /** Command-line name. */
    public static final String NAME = "binoculars";

    /** Creates the criterion. */
    public Binoculars() {
        super(NAME);
    }

    /** Floor of the cross-perplexity x, in nats. */
    public static final double MIN_CROSS_LOG_PPL = 1e-6;

    @Override
    public boolean usesSamplingModel() {
        return true;
    }

    @Override
    public double score(TokenStatistics stats) {
        int n = Sums.positions(stats, NAME);
        double logPpl = -Sums.sum(stats.logprob()) / n;
        double[] cross = stats.hasCross() ? stats.crossExpectedLogprob().orElseThrow()
            : stats.expectedLogprob();
        double crossLogPpl = -Sums.sum(cross) / n;
        return -logPpl / Math.max(crossLogPpl, MIN_CROSS_LOG_PPL);
    }

}
