package org.detectgpt.criterion;

import java.util.List;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.util.Args;

/**
 * DetectGPT's normalized perturbation discrepancy (probability curvature). With
 * {@code ll(x) = (1/n) Σ_i log p(x_i | x_<i)} the mean token log-likelihood under the scoring
 * model and x̃_1 … x̃_m the perturbations of x:
 * <pre>d = ll(x) − (1/m) Σ_k ll(x̃_k)        z = d / s,   s = sqrt((1/m) Σ_k (ll(x̃_k) − mean)²)</pre>
 * (population standard deviation; s is taken as 1 when it is 0 or m = 1, as in the reference
 * implementation). The score is z; {@link #discrepancy} gives d as well.
 *
 * <p>Orientation: used as is — a machine text sits near a local maximum of the model's
 * log-probability, so perturbing it lowers ll (d &gt; 0), while perturbing human text changes ll
 * about as often up as down (d ≈ 0). Higher means more likely machine-written.
 *
 * <p>Reference: Mitchell, Lee, Khazatsky, Manning, Finn 2023, <i>DetectGPT: Zero-Shot
 * Machine-Generated Text Detection using Probability Curvature</i> (ICML), with 100
 * perturbations from T5 ({@value #DEFAULT_PERTURBATIONS} is the default here too).
 */
public final class DetectGpt implements PerturbationCriterion {
    /** Command-line name. */
    public static final String NAME = "detectgpt";
    /** The paper's number of perturbations. */
    public static final int DEFAULT_PERTURBATIONS = 100;

    /**
     * The parts of the score.
     *
     * @param logLikelihood ll(x)
     * @param perturbedMean mean ll(x̃)
     * @param perturbedStd population standard deviation of ll(x̃), before the 0 → 1 rule
     * @param d the raw discrepancy
     * @param z the normalized discrepancy
     * @param perturbations m
     */
    public record Discrepancy(double logLikelihood, double perturbedMean, double perturbedStd, double d, double z,
            int perturbations) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(TokenStatistics original, List<TokenStatistics> perturbed) {
        return discrepancy(original, perturbed).z();
    }

    /**
     * @param original statistics of the text
     * @param perturbed statistics of its perturbations, at least one
     * @return d, z and their parts
     */
    public static Discrepancy discrepancy(TokenStatistics original, List<TokenStatistics> perturbed) {
        int m = perturbations(perturbed, NAME);
        double ll = meanLogprob(original);
        double[] lls = new double[m];
        for (int k = 0; k < m; k++) {
            lls[k] = meanLogprob(perturbed.get(k));
        }
        double mean = Sums.sum(lls) / m;
        double ss = 0;
        for (double v : lls) {
            ss += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(ss / m);
        double d = ll - mean;
        return new Discrepancy(ll, mean, std, d, d / (std == 0 || m == 1 ? 1 : std), m);
    }

    static double meanLogprob(TokenStatistics s) {
        return Sums.sum(s.logprob()) / Sums.positions(s, NAME);
    }

    static int perturbations(List<TokenStatistics> perturbed, String criterion) {
        Args.check(!perturbed.isEmpty(), "%s needs at least one perturbation", criterion);
        return perturbed.size();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
