package org.detectgpt.perturb;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.detectgpt.util.Args;

/**
 * Makes the perturbations of a text, as {@code perturb_texts_} in the DetectGPT reference
 * implementation: mask every perturbation ({@link Masking}), fill all of them in one batch, put
 * the fills back ({@link Fills}); re-mask and refill those that came back with too few fills,
 * for at most {@link PerturbationConfig#maxRetries()} rounds.
 *
 * <p>Seeding: perturbation i of a text draws its masks and fills from its own generator, seeded
 * by {@code Seeds.mix(Seeds.forText(seed, text), i)} and used on through its retries; so the same
 * text, filler, configuration and seed give the same perturbations, in any batch, order or thread.
 * A text too short for one span ({@code n_spans = 0}) is its own perturbation, as in the
 * reference.
 */
public final class Perturber {
    private Perturber() {}

    /**
     * @param text the text
     * @param filler the mask filler
     * @param config masking and counts
     * @param seed the run's seed
     * @return the perturbations
     */
    public static Perturbations perturb(String text, MaskFiller filler, PerturbationConfig config, long seed) {
        Args.notNull(text, "text");
        int n = config.perturbations();
        long textSeed = Seeds.forText(seed, text);
        List<SplittableRandom> rngs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rngs.add(new SplittableRandom(Seeds.mix(textSeed, i)));
        }
        String[] done = new String[n];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(i);
        }
        int retries = 0;
        int masks = 0;
        for (int round = 0; round <= config.maxRetries() && !pending.isEmpty(); round++) {
            if (round > 0) {
                retries += pending.size();
            }
            List<MaskedText> toFill = new ArrayList<>();
            List<RandomGenerator> fillRngs = new ArrayList<>();
            List<Integer> fillIdx = new ArrayList<>();
            for (int i : pending) {
                MaskedText m = Masking.mask(text, config, filler.maxMasks(), rngs.get(i));
                masks = m.masks();
                if (m.masks() == 0) {
                    done[i] = m.masked();
                } else {
                    toFill.add(m);
                    fillRngs.add(rngs.get(i));
                    fillIdx.add(i);
                }
            }
            List<List<String>> fills = toFill.isEmpty() ? List.of() : filler.fill(toFill, fillRngs);
            Args.check(fills.size() == toFill.size(), "filler %s returned %d results for %d texts", filler.name(),
                fills.size(), toFill.size());
            for (int j = 0; j < toFill.size(); j++) {
                int i = fillIdx.get(j);
                Fills.apply(toFill.get(j), fills.get(j)).ifPresent(t -> done[i] = t);
            }
            pending.removeIf(i -> done[i] != null);
        }
        List<String> texts = new ArrayList<>(n);
        for (String t : done) {
            if (t != null) {
                texts.add(t);
            }
        }
        return new Perturbations(text, texts, n, masks, retries, pending.size(), filler.name(), seed);
    }
}
