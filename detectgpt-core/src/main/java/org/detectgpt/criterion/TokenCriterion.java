package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * The token-statistics kind of {@link Criterion}: the score is a function of the text's
 * per-token statistics under the scoring model (and, for some, a sampling model) alone.
 */
public non-sealed interface TokenCriterion extends Criterion {
    /**
     * @param stats statistics of one text with at least one position
     * @return the score; higher means more likely machine-written
     */
    double score(TokenStatistics stats);
}
