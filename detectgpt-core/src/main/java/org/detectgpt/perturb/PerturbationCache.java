package org.detectgpt.perturb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.detectgpt.model.CausalLm;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.text.InvalidTextException;
import org.detectgpt.tokenize.ScorableText;
import org.detectgpt.util.Args;

/**
 * Computes the perturbations of a text, and their statistics under a scoring model, once per
 * run: every criterion that needs them (DetectGPT, NPR) asks here, and the second asker gets
 * the first one's result — also when both ask at once from different threads.
 *
 * <p>Perturbations are keyed by (text, filler name, seed, configuration), statistics additionally
 * by the scoring model (identity). The cache keeps the most recently used
 * {@code capacity} entries: since the same inputs always give the same perturbations, evicting
 * costs time, never a different score. Thread-safe.
 */
public final class PerturbationCache {
    /** Identity of a text's perturbations. */
    private record Key(String text, String filler, long seed, PerturbationConfig config) {}

    private record StatsKey(Key key, CausalLm model) {}

    private final Map<Object, CompletableFuture<Object>> entries;

    private PerturbationCache(int capacity) {
        Args.positive(capacity, "capacity");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, CompletableFuture<Object>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return a cache holding the 256 most recent entries */
    public static PerturbationCache create() {
        return new PerturbationCache(256);
    }

    /** @return a cache holding the {@code capacity} most recent entries */
    public static PerturbationCache withCapacity(int capacity) {
        return new PerturbationCache(capacity);
    }

    /**
     * @return the perturbations of {@code text}, made by {@link Perturber#perturb} on the first
     *     request
     */
    public Perturbations perturbations(String text, MaskFiller filler, PerturbationConfig config, long seed) {
        Key key = new Key(text, filler.name(), seed, config);
        return memo(key, () -> Perturber.perturb(text, filler, config, seed));
    }

    /**
     * @param p perturbations from this cache (or {@link Perturber})
     * @param config the configuration they were made with
     * @param model the scoring model
     * @return the statistics of each perturbed text that can be scored, in order
     */
    public List<TokenStatistics> statistics(Perturbations p, PerturbationConfig config, CausalLm model) {
        StatsKey key = new StatsKey(new Key(p.original(), p.filler(), p.seed(), config), model);
        return memo(key, () -> {
            List<int[]> ids = new ArrayList<>(p.texts().size());
            for (String t : p.texts()) {
                try {
                    ids.add(ScorableText.encodeIds(model.tokenizer(), t));
                } catch (InvalidTextException e) {
                    // a perturbation too short to score is left out, like one the filler failed on
                }
            }
            // all perturbations of the text in packed passes (one set of products for many)
            return List.copyOf(TokenScorer.scoreAll(model, null, ids));
        });
    }

    @SuppressWarnings("unchecked")
    private <V> V memo(Object key, Supplier<V> compute) {
        CompletableFuture<Object> f;
        boolean mine = false;
        synchronized (entries) {
            f = entries.get(key);
            if (f == null) {
                f = new CompletableFuture<>();
                entries.put(key, f);
                mine = true;
            }
        }
        if (mine) {
            try {
                f.complete(compute.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
                synchronized (entries) {
                    entries.remove(key, f);
                }
                throw e;
            }
        }
        try {
            return (V) f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
