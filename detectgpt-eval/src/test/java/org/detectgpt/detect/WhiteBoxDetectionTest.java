package org.detectgpt.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.data.Label;
import org.detectgpt.data.LabeledText;
import org.detectgpt.eval.CriterionReport;
import org.detectgpt.eval.Evaluation;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.Sampler;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.perturb.PerturbationConfig;
import org.detectgpt.perturb.Seeds;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A real white-box detection, offline, as in the DetectGPT paper: 40 stories sampled from
 * stories260K (temperature 1, 72 tokens, 10 prompts × 4 seeds, cut at their last full sentence)
 * against 40 passages of children's books (24–40 words) ({@code fixtures/stories-human}); with stories260K as the scoring
 * model, {@code detectgpt} (built-in filler) and {@code fast-detectgpt} must each reach AUROC
 * ≥ 0.90. DetectGPT runs with {@value #PERTURBATIONS} perturbations instead of the paper's 100 to
 * keep the test near a minute (the built-in filler recomputes the causal model for every sampled
 * token); see ISSUE3 notes for the 100-perturbation run.
 */
class WhiteBoxDetectionTest {
    static final int PERTURBATIONS = 10;
    static final String[] PROMPTS = {"Once upon a time", "One day", "Tom and his dog", "Lily wanted to",
        "There was a big", "The little bird", "Sam and Mia", "It was a sunny day", "Mom said", "A boy named Ben"};

    /** Story s of prompt p, cut at its last full sentence; null when shorter than 20 words. */
    static String story(CausalLm lm, int p, int s) {
        int[] prompt = lm.tokenizer().encodeIds(PROMPTS[p]);
        int[] gen = Sampler.defaults().generate(lm, prompt, 72, t -> t == 1 || t == 2,
            new SplittableRandom(Seeds.mix(7, p * 100L + s)));
        int[] all = Arrays.copyOf(prompt, prompt.length + gen.length);
        System.arraycopy(gen, 0, all, prompt.length, gen.length);
        String text = lm.tokenizer().decode(all).strip();
        int end = Math.max(text.lastIndexOf(". "), Math.max(text.lastIndexOf("! "), text.lastIndexOf("? ")));
        text = end > 0 ? text.substring(0, end + 1) : text;
        return text.split("\\s+").length >= 20 ? text : null;
    }

    /** 4 stories per prompt: seeds 0–3, a too-short one replaced by the next seed; 2 threads. */
    static List<LabeledText> stories(CausalLm lm) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> first = new ArrayList<>();
            for (int p = 0; p < PROMPTS.length; p++) {
                for (int s = 0; s < 4; s++) {
                    int pp = p;
                    int ss = s;
                    first.add(pool.submit(() -> story(lm, pp, ss)));
                }
            }
            List<LabeledText> out = new ArrayList<>();
            for (int p = 0; p < PROMPTS.length; p++) {
                int next = 4;
                for (int s = 0; s < 4; s++) {
                    String text = first.get(p * 4 + s).get();
                    while (text == null) {
                        text = story(lm, p, next++);
                    }
                    out.add(new LabeledText(text, Label.MACHINE));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int ndThreads;
    private static int blasThreads;

    /**
     * Texts are scored on 2 Java threads; ND4J's own threads on top oversubscribe 2 cores (spinning
     * OpenMP threads doubled the run's system time), so they are turned off for this test only.
     */
    @BeforeAll
    static void singleThreadedNd4j() {
        ndThreads = Nd4j.getEnvironment().maxThreads();
        blasThreads = Nd4j.factory().blas().getMaxThreads();
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }

    @AfterAll
    static void restoreNd4jThreads() {
        Nd4j.getEnvironment().setMaxThreads(ndThreads);
        Nd4j.factory().blas().setMaxThreads(blasThreads);
    }

    @Test
    void detectGptAndFastDetectGptSeparateStoriesFromBooks() throws Exception {
        CausalLm lm = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
        long t0 = System.nanoTime();
        List<LabeledText> items = new ArrayList<>(stories(lm));
        long t1 = System.nanoTime();
        EvalDataset human = DatasetReader.read(Fixtures.path("stories-human/passages.jsonl"));
        items.addAll(human.items());
        EvalDataset data = new EvalDataset("stories-whitebox", items);
        assertEquals(40, data.machineCount());
        assertEquals(40, data.humanCount());
        double words = items.stream().filter(LabeledText::isMachine).mapToInt(t -> t.text().split(" ").length)
            .average().orElseThrow();
        Evaluation ev = Evaluation.of(lm, null).withThreads(2).withSeed(1)
            .withPerturbationConfig(PerturbationConfig.defaults().withPerturbations(PERTURBATIONS));
        List<CriterionReport> reports = ev.runByName(data, List.of("detectgpt", "fast-detectgpt"));
        long t2 = System.nanoTime();
        System.out.printf("white-box stories260K: 40 stories (%.1f words on average) generated in %.1f s;"
            + " detectgpt (%d perturbations, built-in filler) + fast-detectgpt in %.1f s%n", words,
            (t1 - t0) / 1e9, PERTURBATIONS, (t2 - t1) / 1e9);
        for (CriterionReport r : reports) {
            System.out.printf("  %-15s AUROC %.4f (%d human, %d machine, %d skipped)%n", r.criterion(), r.auroc(),
                r.humanScores().length, r.machineScores().length, r.skipped());
        }
        for (CriterionReport r : reports) {
            assertEquals(0, r.skipped(), r.criterion());
            assertTrue(r.auroc() >= 0.90, r.criterion() + " AUROC " + r.auroc());
        }
        assertTrue(Files.exists(Fixtures.path("stories-human/README.md")));
    }
}
