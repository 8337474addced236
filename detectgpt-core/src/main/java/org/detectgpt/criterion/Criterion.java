package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * A zero-shot detection criterion: reduces the per-token statistics of a text to one score.
 *
 * <p>Every score is oriented so that <b>higher means more likely machine-written</b>; a criterion
 * whose natural statistic points the other way negates it and says so in its javadoc.
 * Implementations are immutable and thread-safe.
 */
public interface Criterion {
    /** @return the name used on the command line, e.g. {@code fast-detectgpt} */
    String name();

    /**
     * @return whether the criterion uses a separate sampling (reference / observer) model's
     *     cross statistics when they are present; without them it falls back to the scoring
     *     model alone
     */
    default boolean usesSamplingModel() {
        return false;
    }

    /**
     * @param stats statistics of one text with at least one position
     * @return the score; higher means more likely machine-written
     */
    double score(TokenStatistics stats);

    /**
     * Scores a text given its statistics. Criteria that read the statistics alone ignore the
     * text; a learned head ({@code ensemble}) also reads the text itself.
     *
     * @param text the scored text (whitespace as scored)
     * @param stats its statistics, with at least one position; may be null when
     *     {@link #needsStatistics()} is false
     * @return the score; higher means more likely machine-written
     */
    default double score(String text, TokenStatistics stats) {
        return score(stats);
    }

    /** @return whether {@link #score(String, TokenStatistics)} reads the statistics at all */
    default boolean needsStatistics() {
        return true;
    }
}
