package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * The mean log-likelihood ratio of two models over the observed tokens:
 * <pre>score = (1/n) Σ_i (log p(x_i | x_&lt;i) − log q(x_i | x_&lt;i))</pre>
 * with p the scoring model and q the sampling model. Meant for an aligned pair: p continued on
 * machine-written text and q on human text (DALD, ImBD), so a text that reads more like the
 * machine texts than the human ones scores higher. The pair's own likelihoods cancel what both
 * find easy or hard (topic, length, rare names); what is left is style.
 *
 * <p>Orientation: higher means more likely machine-written, when p is the machine-side model.
 *
 * <p>Edge cases: needs the sampling model's statistics ({@link IllegalArgumentException} naming the
 * missing sampling model otherwise) and at least one position; a token of probability 0 under
 * either model gives ±∞.
 *
 * <p>Reference: Zeng, Tang, Chen et al. 2024, <i>DALD: Improving Logits-based Detector without
 * Logits from Black-box LLMs</i> (NeurIPS); Chen, Zhu, Zhou et al. 2025, <i>Imitate Before Detect:
 * Aligning Machine Stylistic Preference for Machine-Revised Text Detection</i> (AAAI).
 */
public final class LikelihoodRatio extends NamedCriterion {
    /** Command-line name. */
    public static final String NAME = "likelihood-ratio";

    /** Creates the criterion. */
    public LikelihoodRatio() {
        super(NAME);
    }

    @Override
    public boolean usesSamplingModel() {
        return true;
    }

    /** @return true: the ratio of a model with itself is 0 for every text */
    @Override
    public boolean requiresSamplingModel() {
        return true;
    }

    @Override
    public double score(TokenStatistics stats) {
        int n = Sums.positions(stats, NAME);
        double[] q = stats.samplingLogprob().orElseThrow(() -> new IllegalArgumentException(
            NAME + " needs a sampling model (the human-side model of the pair, --sampling-model)"));
        return (Sums.sum(stats.logprob()) - Sums.sum(q)) / n;
    }
}
