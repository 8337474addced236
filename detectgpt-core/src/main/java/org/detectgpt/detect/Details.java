package org.detectgpt.detect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.detectgpt.criterion.DetectGpt;

/**
 * The parts of a score, typed by the kind of criterion that made it. Immutable.
 */
public sealed interface Details permits Details.None, Details.Perturbation, Details.Regeneration {
    /** No parts: token-statistics criteria and learned heads. */
    Details NONE = new None();

    /**
     * @return the parts by name, in a fixed order (the {@code details} object of
     *     {@code detectgpt score --json}); empty for {@link None}
     */
    Map<String, Double> asMap();

    /** No parts beyond the score. */
    record None() implements Details {
        @Override
        public Map<String, Double> asMap() {
            return Map.of();
        }
    }

    /**
     * A perturbation criterion's parts.
     *
     * @param discrepancy DetectGPT's d, z and their parts (empty for other perturbation criteria)
     * @param perturbations perturbations scored
     * @param requested perturbations asked for
     * @param masks spans masked per perturbation
     * @param retries fills tried again
     * @param failed perturbations that could not be made
     */
    record Perturbation(Optional<DetectGpt.Discrepancy> discrepancy, int perturbations, int requested, int masks,
            int retries, int failed) implements Details {
        @Override
        public Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            discrepancy.ifPresent(d -> {
                m.put("d", d.d());
                m.put("z", d.z());
                m.put("log_likelihood", d.logLikelihood());
                m.put("perturbed_mean", d.perturbedMean());
                m.put("perturbed_std", d.perturbedStd());
            });
            m.put("perturbations", (double) perturbations);
            m.put("requested", (double) requested);
            m.put("masks", (double) masks);
            m.put("retries", (double) retries);
            m.put("failed", (double) failed);
            return m;
        }
    }

    /**
     * DNA-GPT's parts.
     *
     * @param originalTail mean log-likelihood of the text's own tail after the prefix
     * @param regeneratedMean mean of the regenerated tails' mean log-likelihoods
     * @param regenerations K
     * @param prefixTokens tokens of the kept prefix
     */
    record Regeneration(double originalTail, double regeneratedMean, int regenerations, int prefixTokens)
            implements Details {
        @Override
        public Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("original_tail", originalTail);
            m.put("regenerated_mean", regeneratedMean);
            m.put("regenerations", (double) regenerations);
            m.put("prefix_tokens", (double) prefixTokens);
            return m;
        }
    }
}
