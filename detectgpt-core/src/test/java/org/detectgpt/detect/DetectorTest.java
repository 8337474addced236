package org.detectgpt.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.detectgpt.criterion.DnaGpt;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.perturb.CausalFiller;
import org.detectgpt.perturb.MaskFiller;
import org.detectgpt.perturb.MaskedText;
import org.detectgpt.perturb.PerturbationCache;
import org.detectgpt.perturb.PerturbationConfig;
import org.detectgpt.testing.Fixtures;
import org.detectgpt.text.InvalidTextException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Detector with the perturbation criteria and DNA-GPT: seeding, provenance, shared perturbations. */
class DetectorTest {
    static final String TEXT = "Once upon a time, there was a little girl named Lily. She loved to play outside"
        + " in the park. One day, she saw a big red ball under a tree and ran to get it.";
    static CausalLm lm;

    @BeforeAll
    static void load() throws Exception {
        lm = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
    }

    /** Counts the texts it is asked to fill. */
    static final class Counting implements MaskFiller {
        final MaskFiller inner;
        final AtomicInteger texts = new AtomicInteger();

        Counting(MaskFiller inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int maxMasks() {
            return inner.maxMasks();
        }

        @Override
        public List<List<String>> fill(List<MaskedText> batch, List<? extends RandomGenerator> rngs) {
            texts.addAndGet(batch.size());
            return inner.fill(batch, rngs);
        }
    }

    static Detector.Builder builder(MaskFiller filler, long seed, PerturbationCache cache) {
        return Detector.builder().setModel(lm).optMaskFiller(filler).optSeed(seed).optPerturbationCache(cache)
            .optPerturbationConfig(PerturbationConfig.defaults().withPerturbations(3));
    }

    /**
     * A criterion that requires the pair's second model is refused without it, in one line naming
     * it; with it, it builds and scores (the ratio of a model with itself: 0 for every text).
     */
    @Test
    void aPairCriterionIsRefusedWithoutItsSecondModel() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Detector.builder().setModel(lm).setCriterion(new org.detectgpt.criterion.LikelihoodRatio()).build());
        assertEquals("likelihood-ratio reads an aligned pair: give the pair's human-side model as the sampling model",
            e.getMessage());
        Detector d = Detector.builder().setModel(lm).setCriterion(new org.detectgpt.criterion.LikelihoodRatio())
            .optSamplingModel(lm).build();
        assertEquals(0, d.detect("Once upon a time there was a little cat. She liked to play.").score(), 1e-9);
        assertFalse(Criteria.forName("fast-detectgpt").requiresSamplingModel());
    }

    @Test
    void detectGptIsSeededAndRecordsItsProvenance() throws Exception {
        MaskFiller filler = CausalFiller.of(lm).withCandidates(2);
        Detector d = builder(filler, 7, PerturbationCache.create()).setCriterion("detectgpt").build();
        DetectionResult r = d.detect(TEXT);
        assertEquals("detectgpt", r.criterion());
        assertEquals(OptionalLong.of(7), r.seed());
        assertEquals(filler.name(), r.filler().orElseThrow());
        assertEquals(List.of("d", "z", "log_likelihood", "perturbed_mean", "perturbed_std", "perturbations",
            "requested", "masks", "retries", "failed"), List.copyOf(r.details().asMap().keySet()));
        Details.Perturbation p = (Details.Perturbation) r.details();
        assertEquals(r.score(), p.discrepancy().orElseThrow().z(), 0);
        assertEquals(3, p.perturbations());
        assertEquals(0, p.failed());
        // a new detector with a fresh cache recomputes the same perturbations
        DetectionResult again = builder(CausalFiller.of(lm).withCandidates(2), 7, PerturbationCache.create())
            .setCriterion("detectgpt").build().detect(TEXT);
        assertEquals(r.score(), again.score(), 0);
        DetectionResult other = builder(filler, 8, PerturbationCache.create()).setCriterion("detectgpt").build()
            .detect(TEXT);
        assertNotEquals(p.discrepancy().orElseThrow().perturbedMean(),
            ((Details.Perturbation) other.details()).discrepancy().orElseThrow().perturbedMean());
    }

    @Test
    void detectGptAndNprSharePerturbations() throws Exception {
        Counting filler = new Counting(CausalFiller.of(lm).withCandidates(2));
        PerturbationCache cache = PerturbationCache.create();
        Detector.Builder b = builder(filler, 1, cache);
        Detector detectGpt = b.setCriterion("detectgpt").build();
        Detector npr = b.setCriterion("npr").build();
        detectGpt.detect(TEXT);
        DetectionResult r = npr.detect(TEXT);
        assertEquals(3, filler.texts.get(), "3 perturbations made once for both criteria");
        assertEquals("npr", r.criterion());
        assertTrue(r.score() > 0);
        assertTrue(((Details.Perturbation) r.details()).discrepancy().isEmpty());
        assertFalse(r.details().asMap().containsKey("z"));
    }

    @Test
    void aTextTooShortToMaskHasNoDiscrepancy() throws Exception {
        Counting filler = new Counting(CausalFiller.of(lm));
        DetectionResult r = builder(filler, 1, PerturbationCache.create()).setCriterion("detectgpt").build()
            .detect("Lily saw a big red ball.");
        assertEquals(0, r.score(), 0);
        assertEquals(0, ((Details.Perturbation) r.details()).masks());
        assertEquals(0, filler.texts.get());
    }

    @Test
    void dnaGptRegeneratesTheTail() throws Exception {
        DnaGpt dna = ((DnaGpt) Criteria.forName("dna-gpt")).withRegenerations(2);
        Detector d = Detector.builder().setModel(lm).setCriterion(dna).optSeed(3).build();
        DetectionResult r = d.detect(TEXT);
        assertEquals("dna-gpt", r.criterion());
        assertEquals(OptionalLong.of(3), r.seed());
        assertTrue(r.filler().isEmpty());
        Details.Regeneration g = (Details.Regeneration) r.details();
        assertEquals(2, g.regenerations());
        int n = lm.tokenizer().encodeIds(TEXT).length;
        assertEquals(Math.round(0.5 * n), g.prefixTokens());
        assertEquals(g.originalTail() - g.regeneratedMean(), r.score(), 1e-12);
        assertEquals(r.score(), d.detect(TEXT).score(), 0);
        DnaGpt.Result parts = dna.score(lm, TEXT, r.statistics(), 3);
        assertEquals(r.score(), parts.score(), 0);
        assertEquals(2, parts.regeneratedTails().length);
    }

    @Test
    void tokenCriteriaStayUnseeded() throws Exception {
        DetectionResult r = Detector.builder().setModel(lm).setCriterion("fast-detectgpt").build().detect(TEXT);
        assertEquals(OptionalLong.empty(), r.seed());
        assertTrue(r.filler().isEmpty() && r.details() instanceof Details.None);
        assertThrows(InvalidTextException.class, () -> Detector.builder().setModel(lm).setCriterion("npr").build()
            .detect("  "));
        assertThrows(IllegalArgumentException.class, () -> Detector.builder().setModel(lm).setCriterion("nope"));
    }
}
