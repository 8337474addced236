package org.detectgpt.perturb;

import java.util.List;
import java.util.Objects;

/**
 * The perturbations of one text and how they went.
 *
 * @param original the text
 * @param texts the perturbed texts that could be made, in perturbation order
 * @param requested perturbations asked for
 * @param masks spans masked per perturbation ({@code ⌊pct · words / (span + 2·buffer)⌋}, capped)
 * @param retries re-mask-and-refill attempts, summed over perturbations (0 when every filler
 *     output had all its fills the first time)
 * @param failed perturbations still short of fills after the last retry (not in {@code texts})
 * @param filler the filler's name
 * @param seed the run's seed
 */
public record Perturbations(String original, List<String> texts, int requested, int masks, int retries, int failed,
        String filler, long seed) {
    /** Checks and copies. */
    public Perturbations {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(filler, "filler");
        texts = List.copyOf(texts);
    }
}
