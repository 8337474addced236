package org.detectgpt.criterion;

/**
 * A detection criterion: one of four kinds, by what it needs besides the scoring model.
 *
 * <ul>
 *   <li>{@link TokenCriterion}: reduces the text's per-token statistics to a score
 *       ({@code likelihood}, {@code rank}, {@code logrank}, {@code entropy}, {@code lrr},
 *       {@code gltr}, {@code fast-detectgpt}, {@code binoculars});</li>
 *   <li>{@link PerturbationCriterion}: also scores perturbed copies of the text
 *       ({@code detectgpt}, {@code npr});</li>
 *   <li>{@link DnaGpt}: regenerates the text's tail with the scoring model ({@code dna-gpt});</li>
 *   <li>{@link LearnedCriterion}: a fitted head that reads the text itself and optionally its
 *       statistics ({@code ensemble}).</li>
 * </ul>
 *
 * <p>Every score is oriented so that <b>higher means more likely machine-written</b>; a criterion
 * whose natural statistic points the other way negates it and says so in its javadoc.
 * Implementations are immutable and thread-safe. The {@code Criteria} registry in
 * {@code org.detectgpt.detect} names them all.
 */
public sealed interface Criterion permits TokenCriterion, PerturbationCriterion, DnaGpt, LearnedCriterion {
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
     * @return whether the criterion cannot score without that sampling model — the second model of
     *     an aligned pair, where the scoring model alone would give every text the same score; a
     *     detector refuses to be built without it
     */
    default boolean requiresSamplingModel() {
        return false;
    }
}
