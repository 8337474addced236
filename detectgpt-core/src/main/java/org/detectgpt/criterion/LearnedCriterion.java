package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * The learned-head kind of {@link Criterion}: a head fitted on labelled texts that reads the
 * text itself and, if {@link #needsStatistics()}, its token statistics under the model it was
 * fitted with (the {@code ensemble} of {@code org.detectgpt.ensemble}).
 */
public non-sealed interface LearnedCriterion extends Criterion {
    /**
     * @param text the scored text (whitespace as scored)
     * @param stats its statistics, with at least one position; may be null when
     *     {@link #needsStatistics()} is false
     * @return the score; higher means more likely machine-written
     */
    double score(String text, TokenStatistics stats);

    /** @return whether {@link #score} reads the statistics at all (if not, no forward pass is needed) */
    boolean needsStatistics();
}
