package org.detectgpt.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.detectgpt.DetectGptException;
import org.detectgpt.models.BundledModels;
import org.detectgpt.language.Language;
import org.junit.jupiter.api.Test;

/** Which model scores which language, with the bundled models (on this module's classpath) as the fallback. */
class ModelSetTest {
    /** Resolves bundled names only, and records what it was asked. */
    static final class Recording implements ModelSet.Locator {
        final List<String> asked = new ArrayList<>();

        @Override
        public Path resolve(String spec) throws DetectGptException {
            asked.add(spec);
            return BundledModels.find(spec).orElseThrow(() -> new DetectGptException(spec + ": no such model")).path();
        }
    }

    @Test
    void withoutAModelEachLanguageGetsItsBundledDefault() throws Exception {
        Recording locator = new Recording();
        ModelSet set = ModelSet.bundled(locator);
        assertFalse(set.hasModel());
        assertEquals(List.of(Language.ENGLISH, Language.CHINESE), set.slots());
        assertEquals(Language.CHINESE, set.slotFor(Language.CHINESE));
        assertEquals(Language.ENGLISH, set.slotFor(Language.ENGLISH));
        assertEquals(Language.ENGLISH, set.slotFor(Language.OTHER));
        Map<Language, String> names = set.loadEach((model, sampling) -> model.info().name());
        assertEquals(Map.of(Language.ENGLISH, BundledModels.ENGLISH, Language.CHINESE, BundledModels.CHINESE), names);
        assertEquals(List.of(), locator.asked, "bundled defaults need no lookup");
        assertTrue(set.bundledCalibration().isPresent());
        assertTrue(set.loadSampling().isEmpty());
    }

    @Test
    void aNamedModelScoresEveryLanguageUnlessChineseHasItsOwn() throws Exception {
        Recording locator = new Recording();
        ModelSet set = ModelSet.bundled(locator).withModel(BundledModels.ENGLISH);
        assertEquals(List.of(Language.ENGLISH), set.slots());
        assertEquals(Language.ENGLISH, set.slotFor(Language.CHINESE));
        assertEquals(BundledModels.ENGLISH, set.load(set.slotFor(Language.CHINESE)).info().name());
        assertEquals(List.of(BundledModels.ENGLISH), locator.asked);
        // a bundled model named on the command line brings its calibration
        assertTrue(set.bundledCalibration().isPresent());

        ModelSet both = set.withChineseModel(BundledModels.CHINESE).withSamplingModel(BundledModels.ENGLISH);
        assertEquals(List.of(Language.ENGLISH, Language.CHINESE), both.slots());
        List<String> made = new ArrayList<>();
        both.loadEach((model, sampling) -> made.add(model.info().name() + "/"
            + (sampling == null ? "-" : sampling.info().name())));
        // the sampling model belongs to the default model only
        assertEquals(List.of("detectgpt-en/detectgpt-en", "detectgpt-zh/-"), made);
    }

    /**
     * A sampling model alone (the bundled pair: the default English model and its human side)
     * pairs the default model, which then scores every language, as a named model alone does:
     * there is no Chinese pair, and the Chinese model without one could not run the pair's
     * criteria.
     */
    @Test
    void aSamplingModelAlonePairsTheBundledDefaultForEveryLanguage() throws Exception {
        Recording locator = new Recording();
        ModelSet set = ModelSet.bundled(locator).withSamplingModel(BundledModels.ENGLISH_HUMAN);
        assertFalse(set.hasModel());
        assertEquals(List.of(Language.ENGLISH), set.slots());
        assertEquals(Language.ENGLISH, set.slotFor(Language.CHINESE));
        Map<Language, String> made = set.loadEach((model, sampling) -> model.info().name() + "/" + sampling.info().name());
        assertEquals(Map.of(Language.ENGLISH, BundledModels.ENGLISH + "/" + BundledModels.ENGLISH_HUMAN), made);
        assertTrue(set.bundledCalibration().isPresent());
    }

    @Test
    void anUnknownModelIsTheLocatorsOneLineError() {
        ModelSet set = ModelSet.bundled(new Recording()).withModel("nowhere/nothing");
        DetectGptException e = assertThrows(DetectGptException.class, () -> set.load(Language.ENGLISH));
        assertEquals("nowhere/nothing: no such model", e.getMessage());
        assertTrue(set.bundledCalibration().isEmpty());
    }
}
