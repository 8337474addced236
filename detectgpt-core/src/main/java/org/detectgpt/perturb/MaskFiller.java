package org.detectgpt.perturb;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Fills the masked spans of texts: a T5 model ({@link T5Filler}, what DetectGPT uses) or the
 * built-in {@link CausalFiller} that resamples spans from the causal scoring model.
 *
 * <p>Implementations are immutable and thread-safe; all randomness comes from the generators
 * passed in, one per masked text, so a text's fills do not depend on the rest of the batch.
 */
public interface MaskFiller {
    /**
     * @return identity of the filler and its settings, e.g. {@code t5(t5-large, top-p 1.0)}: part
     *     of the key under which perturbations are cached, and of the provenance of a score
     */
    String name();

    /** @return the most sentinels one masked text may hold (T5's vocabulary has 100) */
    int maxMasks();

    /**
     * @param batch masked texts, each with at least one mask
     * @param rngs one generator per masked text
     * @return per masked text, its fills in sentinel order; a list shorter than the text's masks
     *     means the filler failed on it (the perturbation is then re-masked and retried)
     */
    List<List<String>> fill(List<MaskedText> batch, List<? extends RandomGenerator> rngs);
}
