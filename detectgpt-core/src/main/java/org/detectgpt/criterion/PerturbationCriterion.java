package org.detectgpt.criterion;

import java.util.List;
import org.detectgpt.stats.TokenStatistics;

/**
 * The perturbation kind of {@link Criterion}: compares a text with perturbed copies of it (spans
 * masked and refilled by a mask-filling model, see {@code org.detectgpt.perturb}): it needs the token statistics of the
 * original and of every perturbation under the same scoring model. Registered in
 * {@code org.detectgpt.detect.Criteria}; the {@link org.detectgpt.detect.Detector} makes the
 * perturbations (once per text, shared by every such criterion) and scores them.
 *
 * <p>Scores are oriented so that <b>higher means more likely machine-written</b>.
 * Implementations are immutable and thread-safe.
 */
public non-sealed interface PerturbationCriterion extends Criterion {
    /**
     * @param original statistics of the text, at least one position
     * @param perturbed statistics of each perturbation, at least one, each with a position
     * @return the score; higher means more likely machine-written
     */
    double score(TokenStatistics original, List<TokenStatistics> perturbed);
}
