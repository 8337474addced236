package org.detectgpt.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.arch.T5Model;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.model.load.Seq2SeqLoader;
import org.detectgpt.testing.Fixtures;
import org.detectgpt.testing.RecomputeLm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two fillers on real models: T5 (t5-tiny, random weights) and the built-in one (stories260K). */
class FillersTest {
    static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play outside in"
        + " the park. One day, she saw a big red ball under a tree. She ran to get it, but a dog took it first."
        + " Lily was sad, so her mom gave her a hug.";
    static CausalLm stories;
    static T5Model t5;

    @BeforeAll
    static void load() throws Exception {
        stories = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
        t5 = Seq2SeqLoader.load(Fixtures.path("hf-tiny/t5-tiny"));
    }

    @Test
    void builtInFillerReplacesEachSpanWithAboutAsManyWords() {
        CausalFiller f = CausalFiller.of(stories);
        PerturbationConfig c = PerturbationConfig.defaults().withPerturbations(6);
        long t0 = System.nanoTime();
        Perturbations p = Perturber.perturb(STORY, f, c, 3);
        System.out.printf("built-in filler: %d perturbations of %d masks in %.2f s%n", p.texts().size(), p.masks(),
            (System.nanoTime() - t0) / 1e9);
        assertEquals(6, p.texts().size());
        assertEquals(0, p.retries());
        assertEquals(0, p.failed());
        int words = STORY.split(" ").length;
        int changed = 0;
        for (String t : p.texts()) {
            System.out.println("  " + t);
            int n = t.split(" ").length;
            assertTrue(Math.abs(n - words) <= 2 * p.masks(), n + " words vs " + words + ": " + t);
            // the model's own story: its most likely fills are often the original words
            changed += t.equals(STORY) ? 0 : 1;
        }
        assertTrue(changed >= 3, changed + " of 6 perturbations differ from the text");
        assertEquals(p, Perturber.perturb(STORY, f, c, 3), "seeded");
        assertTrue(f.name().startsWith("builtin(stories260K.bin"), f.name());
    }

    @Test
    void builtInFillerSpansAtTheEdges() {
        MaskedText m = new MaskedText(STORY, "masked by hand", List.of(new MaskedText.Span(0, 2),
            new MaskedText.Span(STORY.split(" ").length - 2, 2)));
        List<List<String>> fills = CausalFiller.of(stories).withCandidates(2)
            .fill(List.of(m), List.of(new SplittableRandom(1)));
        assertEquals(2, fills.get(0).size());
        assertTrue(fills.get(0).get(1).split(" ").length <= 2, fills.toString());
    }

    /**
     * The built-in filler decodes through the key/value cache, all texts of a call in lockstep:
     * for the same seeds it writes exactly the fills of the recompute path (the same filler over
     * the model seen without its cache), and each text's fills do not depend on the others in the
     * call. On stories260K (with a short left context, so texts split into several groups) and on
     * hf-tiny models of two architectures (context 128: the story needs several groups).
     */
    @ParameterizedTest
    @ValueSource(strings = {"stories260K", "llama-tiny", "gpt2-tiny"})
    void cachedFillerWritesTheRecomputedFills(String name) throws Exception {
        CausalLm lm = name.equals("stories260K") ? stories : ModelLoader.load(Fixtures.path("hf-tiny/" + name));
        PerturbationConfig c = PerturbationConfig.defaults().withPerturbations(3);
        CausalFiller cached = CausalFiller.of(lm).withCandidates(2).withContextTokens(24);
        CausalFiller recompute = CausalFiller.of(new RecomputeLm(lm)).withCandidates(2).withContextTokens(24);
        Perturbations a = Perturber.perturb(STORY, cached, c, 5);
        Perturbations b = Perturber.perturb(STORY, recompute, c, 5);
        assertEquals(b.texts(), a.texts(), name);
        assertEquals(3, a.texts().size());
        assertTrue(a.texts().stream().anyMatch(t -> !t.equals(STORY)), a.texts().toString());
        List<MaskedText> masked = new ArrayList<>();
        List<SplittableRandom> rngs = new ArrayList<>();
        // more texts than one wave of the filler (16)
        for (int i = 0; i < 18; i++) {
            masked.add(Masking.mask(STORY, c, cached.maxMasks(), new SplittableRandom(40 + i)));
            rngs.add(new SplittableRandom(i));
        }
        List<List<String>> together = cached.fill(masked, rngs);
        assertEquals(18, together.size());
        for (int i : new int[] {0, 1, 16, 17}) {
            assertEquals(together.get(i), cached.fill(List.of(masked.get(i)), List.of(new SplittableRandom(i))).get(0),
                name + " text " + i + " alone");
        }
    }

    @Test
    void t5FillerSamplesUntilTheLastSentinelAndParsesTheFills() {
        T5Filler f = T5Filler.of(t5);
        assertEquals(19, f.maxMasks(), "20 sentinels in the tiny vocabulary, the last one closes the last fill");
        MaskedText m = Masking.mask("The student wrote the essay at home and the teacher read it on the day.",
            PerturbationConfig.defaults().withPct(0.6), f.maxMasks(), new SplittableRandom(2));
        assertEquals(2, m.masks());
        List<String> raw = f.sample(List.of(m, m), List.of(new SplittableRandom(5), new SplittableRandom(5)));
        assertEquals(raw.get(0), raw.get(1));
        String r = raw.get(0);
        assertTrue(r.endsWith("<extra_id_2>") || r.endsWith("</s>") || t5.tokenizer().encodeIds(r).length >= 140, r);
        assertEquals(Fills.extract(r), f.fill(List.of(m), List.of(new SplittableRandom(5))).get(0));
        // random weights rarely produce all the sentinels: the perturber retries, then reports failures
        Perturbations p = Perturber.perturb(m.original(), f, PerturbationConfig.defaults().withPct(0.6)
            .withPerturbations(4).withMaxRetries(2), 1);
        System.out.printf("t5-tiny filler: %d made, %d retries, %d failed%n", p.texts().size(), p.retries(),
            p.failed());
        assertEquals(4, p.texts().size() + p.failed());
        assertEquals(p, Perturber.perturb(m.original(), f, PerturbationConfig.defaults().withPct(0.6)
            .withPerturbations(4).withMaxRetries(2), 1));
    }
}
