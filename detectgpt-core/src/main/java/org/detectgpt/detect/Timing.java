package org.detectgpt.detect;

/**
 * Where one detection's time went, measured with {@link System#nanoTime()} in the call that made
 * the result (work served from a shared {@link org.detectgpt.perturb.PerturbationCache} costs
 * nothing there). Model loading is the caller's and not included.
 *
 * @param totalNanos the whole {@link Detector#detect} call: tokenizing, scoring, perturbing or
 *     regenerating
 * @param fillNanos making the perturbations (masking and the mask filler); 0 for other criteria
 * @param perturbedScoringNanos scoring the perturbations; 0 for other criteria
 * @param tokens token ids of the text
 * @param perturbedTokens token ids of all scored perturbations together; 0 for other criteria
 */
public record Timing(long totalNanos, long fillNanos, long perturbedScoringNanos, int tokens, int perturbedTokens) {
    /** No measurement (results made outside {@link Detector#detect}). */
    public static final Timing NONE = new Timing(0, 0, 0, 0, 0);

    /** @return {@code nanos} in milliseconds */
    public static double ms(long nanos) {
        return nanos / 1e6;
    }
}
