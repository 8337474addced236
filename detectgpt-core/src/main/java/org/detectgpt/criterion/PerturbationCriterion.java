package org.detectgpt.criterion;

import java.util.List;
import org.detectgpt.stats.TokenStatistics;

/**
 * A criterion that compares a text with perturbed copies of it (spans masked and refilled by a
 * mask-filling model, see {@code org.detectgpt.perturb}): it needs the token statistics of the
 * original and of every perturbation under the same scoring model. Registered in
 * {@link Criteria} with this type; the {@link org.detectgpt.detect.Detector} makes the
 * perturbations (once per text, shared by every such criterion) and scores them.
 *
 * <p>Scores are oriented so that <b>higher means more likely machine-written</b>.
 * Implementations are immutable and thread-safe.
 */
public interface PerturbationCriterion {
    /** @return the name used on the command line, e.g. {@code detectgpt} */
    String name();

    /**
     * @param original statistics of the text, at least one position
     * @param perturbed statistics of each perturbation, at least one, each with a position
     * @return the score; higher means more likely machine-written
     */
    double score(TokenStatistics original, List<TokenStatistics> perturbed);
}
