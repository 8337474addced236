package org.detectgpt.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.criterion.LikelihoodRatio;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.Detector;
import org.detectgpt.ensemble.Ensemble;
import org.detectgpt.language.Language;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.junit.jupiter.api.Test;

/** The bundled English aligned pair: present, within the size budget, and a working detector. */
class BundledPairTest {
    /** The budget for everything bundled: models, heads and calibrations. */
    static final long BUDGET_BYTES = 40_000_000L;

    static Path folder(String name) {
        return BundledModels.find(name).orElseThrow(() -> new AssertionError(name + " is not bundled")).path();
    }

    @Test
    void bundledModelsFitTheBudget() throws IOException {
        Path root = folder(BundledModels.ENGLISH).getParent();
        long total;
        try (Stream<Path> files = Files.walk(root)) {
            total = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total > 30_000_000L, "the three models are there: " + total);
        assertTrue(total <= BUDGET_BYTES, "bundled models take " + total + " bytes, over " + BUDGET_BYTES);
    }

    @Test
    void theHumanSideIsEnglishButNotTheDefault() {
        assertEquals(Language.ENGLISH, BundledModels.find(BundledModels.ENGLISH_HUMAN).orElseThrow().language());
        assertEquals(BundledModels.ENGLISH, BundledModels.defaultFor(Language.ENGLISH).orElseThrow().name());
    }

    /**
     * On the samples of known authorship in examples/ (sources in examples/README.md), the pair's
     * ratio puts the GPT-4o story above the human WritingPrompts story; the two models differ.
     */
    @Test
    void ratioRanksTheMachineSampleAboveTheHumanOne() throws Exception {
        CausalLm machine = ModelLoader.load(folder(BundledModels.ENGLISH));
        CausalLm human = ModelLoader.load(folder(BundledModels.ENGLISH_HUMAN));
        Detector d = Detector.builder().setModel(machine).setCriterion(new LikelihoodRatio())
            .optSamplingModel(human).build();
        String gpt4o = Files.readString(Path.of("../examples/machine-story-gpt-4o.txt"));
        String person = Files.readString(Path.of("../examples/human-story-writingprompts.md"));
        double m = d.detect(gpt4o).score();
        double h = d.detect(person).score();
        assertTrue(m > h, "machine " + m + " vs human " + h);
        assertTrue(Math.abs(m) > 1e-3 && Math.abs(h) > 1e-3, "a ratio of two different models: " + m + ", " + h);
        String probe = "A short probe, to compare the two tokenizers.";
        assertArrayEquals(machine.tokenizer().encodeIds(probe), human.tokenizer().encodeIds(probe));
    }

    /**
     * The default English head reads the pair: it names the human side, a detector without it is
     * refused with that name, and with it the head ranks the GPT-4o story of examples/ above the
     * human one.
     */
    @Test
    void theDefaultHeadReadsThePair() throws Exception {
        CausalLm machine = ModelLoader.load(folder(BundledModels.ENGLISH));
        Criterion head = Criteria.forName(Ensemble.NAME, machine);
        assertEquals(java.util.Optional.of(BundledModels.ENGLISH_HUMAN), ((Ensemble) head).pairedModel());
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
            () -> Detector.builder().setModel(machine).setCriterion(head).build());
        assertTrue(alone.getMessage().contains(BundledModels.ENGLISH_HUMAN), alone.getMessage());
        Detector d = Detector.builder().setModel(machine).setCriterion(head)
            .optSamplingModel(ModelLoader.load(folder(BundledModels.ENGLISH_HUMAN))).build();
        assertEquals(BundledModels.ENGLISH + "+" + BundledModels.ENGLISH_HUMAN, d.modelIdentity());
        double person = d.detect(Files.readString(Path.of("../examples/human-story-writingprompts.md"))).score();
        double gpt4o = d.detect(Files.readString(Path.of("../examples/machine-story-gpt-4o.txt"))).score();
        assertTrue(gpt4o > person, "GPT-4o story " + gpt4o + " vs the human story " + person);
    }
}
