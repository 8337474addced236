package org.detectgpt.perturb;

import java.util.Locale;
import org.detectgpt.util.Args;

/**
 * How texts are perturbed: DetectGPT's span masking (Mitchell et al. 2023) and how many
 * perturbations to make. Immutable; change a setting with a {@code with*} copy:
 *
 * <pre>{@code
 * PerturbationConfig c = PerturbationConfig.defaults().withPerturbations(20).withPct(0.15);
 * }</pre>
 *
 * <p>Defaults are the reference implementation's: 100 perturbations, {@code pct} 0.3 of the
 * words masked in spans of 2 words with a buffer of 1 word, so
 * {@code n_spans = ⌊pct · words / (span + 2 · buffer)⌋}. A perturbation whose filler returns
 * fewer fills than masks is re-masked and filled again up to {@code maxRetries} times (the
 * reference retries without bound).
 *
 * @param perturbations perturbations per text (the paper's 100)
 * @param pct fraction of the words to mask, in (0, 1]
 * @param spanLength words per masked span
 * @param buffer words around a span that no other span may touch
 * @param maxRetries re-mask rounds for perturbations that came back with too few fills
 */
public record PerturbationConfig(int perturbations, double pct, int spanLength, int buffer, int maxRetries) {
    /** Checks the ranges. */
    public PerturbationConfig {
        Args.positive(perturbations, "perturbations");
        Args.check(pct > 0 && pct <= 1, "pct must be in (0, 1]: %s", pct);
        Args.positive(spanLength, "spanLength");
        Args.nonNegative(buffer, "buffer");
        Args.nonNegative(maxRetries, "maxRetries");
    }

    /** @return 100 perturbations, pct 0.3, spans of 2, buffer 1, 10 retries */
    public static PerturbationConfig defaults() {
        return new PerturbationConfig(100, 0.3, 2, 1, 10);
    }

    /** @return a copy making {@code n} perturbations per text */
    public PerturbationConfig withPerturbations(int n) {
        return new PerturbationConfig(n, pct, spanLength, buffer, maxRetries);
    }

    /** @return a copy masking the fraction {@code p} of the words */
    public PerturbationConfig withPct(double p) {
        return new PerturbationConfig(perturbations, p, spanLength, buffer, maxRetries);
    }

    /** @return a copy masking spans of {@code words} words */
    public PerturbationConfig withSpanLength(int words) {
        return new PerturbationConfig(perturbations, pct, words, buffer, maxRetries);
    }

    /** @return a copy keeping {@code words} unmasked words around each span */
    public PerturbationConfig withBuffer(int words) {
        return new PerturbationConfig(perturbations, pct, spanLength, words, maxRetries);
    }

    /** @return a copy re-masking failed perturbations at most {@code n} times */
    public PerturbationConfig withMaxRetries(int n) {
        return new PerturbationConfig(perturbations, pct, spanLength, buffer, n);
    }

    /**
     * @param words words in the text (split on single spaces)
     * @return {@code ⌊pct · words / (spanLength + 2 · buffer)⌋}
     */
    public int spans(int words) {
        return (int) Math.floor(pct * words / (spanLength + 2.0 * buffer));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d perturbations, pct %s, span %d, buffer %d", perturbations, pct,
            spanLength, buffer);
    }
}
