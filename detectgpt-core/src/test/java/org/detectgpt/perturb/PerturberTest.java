package org.detectgpt.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Retries, failures, seeding and caching, with fillers whose outputs are made by hand. */
class PerturberTest {
    static final String TEXT = MaskingTest.words(60);

    /**
     * Answers like a T5 output: the first {@code shortAnswers} calls for each text give one fill
     * too few, then "fill-N" with a random number, parsed by {@link Fills#extract}.
     */
    static final class ScriptedFiller implements MaskFiller {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger texts = new AtomicInteger();
        private final int shortRounds;

        ScriptedFiller(int shortRounds) {
            this.shortRounds = shortRounds;
        }

        @Override
        public String name() {
            return "scripted(" + shortRounds + ")";
        }

        @Override
        public int maxMasks() {
            return 100;
        }

        @Override
        public List<List<String>> fill(List<MaskedText> batch, List<? extends RandomGenerator> rngs) {
            int round = calls.getAndIncrement();
            texts.addAndGet(batch.size());
            List<List<String>> out = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                int n = batch.get(i).masks() - (round < shortRounds ? 1 : 0);
                StringBuilder raw = new StringBuilder("<pad>");
                for (int k = 0; k < n; k++) {
                    raw.append(Masking.sentinel(k)).append(" fill-").append(rngs.get(i).nextInt(1000));
                }
                out.add(Fills.extract(raw.append(Masking.sentinel(n)).append("</s>").toString()));
            }
            return out;
        }
    }

    @Test
    void fillsEveryPerturbationAtOnce() {
        ScriptedFiller f = new ScriptedFiller(0);
        Perturbations p = Perturber.perturb(TEXT, f, PerturbationConfig.defaults().withPerturbations(8), 1);
        assertEquals(8, p.texts().size());
        assertEquals(0, p.retries());
        assertEquals(0, p.failed());
        assertEquals(4, p.masks()); // ⌊0.3 · 60 / 4⌋
        assertEquals(1, f.calls.get(), "one batch");
        for (String t : p.texts()) {
            assertEquals(4, t.split("fill-", -1).length - 1, t);
            assertEquals(60 - 4, t.split(" ").length, t);
        }
    }

    @Test
    void tooFewFillsAreRetriedAndCounted() {
        Perturbations p = Perturber.perturb(TEXT, new ScriptedFiller(2), PerturbationConfig.defaults()
            .withPerturbations(5), 1);
        assertEquals(5, p.texts().size());
        assertEquals(10, p.retries(), "5 perturbations re-masked twice");
        assertEquals(0, p.failed());
    }

    @Test
    void retriesAreBoundedAndFailuresReported() {
        ScriptedFiller f = new ScriptedFiller(Integer.MAX_VALUE);
        Perturbations p = Perturber.perturb(TEXT, f, PerturbationConfig.defaults().withPerturbations(3)
            .withMaxRetries(4), 1);
        assertEquals(List.of(), p.texts());
        assertEquals(3, p.failed());
        assertEquals(12, p.retries());
        assertEquals(5, f.calls.get(), "the first round and 4 retries");
    }

    @Test
    void aTextTooShortForASpanIsItsOwnPerturbation() {
        ScriptedFiller f = new ScriptedFiller(0);
        Perturbations p = Perturber.perturb("only a few words here", f, PerturbationConfig.defaults()
            .withPerturbations(3), 1);
        assertEquals(List.of("only a few words here", "only a few words here", "only a few words here"), p.texts());
        assertEquals(0, f.calls.get(), "no filler call for nothing to fill");
    }

    @Test
    void sameSeedSamePerturbationsAnyBatch() {
        PerturbationConfig c = PerturbationConfig.defaults().withPerturbations(6);
        Perturbations a = Perturber.perturb(TEXT, new ScriptedFiller(0), c, 42);
        assertEquals(a, Perturber.perturb(TEXT, new ScriptedFiller(0), c, 42));
        assertNotEquals(a.texts(), Perturber.perturb(TEXT, new ScriptedFiller(0), c, 43).texts());
        // the first 4 of 6 perturbations do not depend on how many are asked for
        assertEquals(a.texts().subList(0, 4),
            Perturber.perturb(TEXT, new ScriptedFiller(0), c.withPerturbations(4), 42).texts());
        assertEquals(42, a.seed());
        assertEquals("scripted(0)", a.filler());
    }

    @Test
    void theCacheMakesEachTextsPerturbationsOnceAcrossThreads() throws Exception {
        ScriptedFiller f = new ScriptedFiller(0);
        PerturbationCache cache = PerturbationCache.create();
        PerturbationConfig c = PerturbationConfig.defaults().withPerturbations(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Perturbations>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> cache.perturbations(TEXT, f, c, 5)));
            }
            Perturbations first = results.get(0).get();
            for (Future<Perturbations> r : results) {
                assertSame(first, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, f.calls.get());
        cache.perturbations(TEXT, f, c, 6);
        cache.perturbations(TEXT, f, c.withPct(0.2), 5);
        cache.perturbations(TEXT + ".", f, c, 5);
        assertEquals(4, f.calls.get(), "seed, configuration and text are part of the key");
    }

    @Test
    void anEvictedEntryIsRecomputedIdentically() {
        ScriptedFiller f = new ScriptedFiller(0);
        PerturbationCache cache = PerturbationCache.withCapacity(1);
        PerturbationConfig c = PerturbationConfig.defaults().withPerturbations(3);
        Perturbations a = cache.perturbations(TEXT, f, c, 5);
        cache.perturbations(TEXT + ".", f, c, 5);
        Perturbations again = cache.perturbations(TEXT, f, c, 5);
        assertEquals(3, f.calls.get());
        assertEquals(a, again);
        assertTrue(a != again);
    }
}
