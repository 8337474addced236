package org.detectgpt.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.calibrate.Calibrator;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.criterion.LogLikelihood;
import org.detectgpt.detect.Detector;
import org.detectgpt.language.Language;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.testing.Fixtures;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The length rule and the calibrated verdict of one document. */
class DocumentScorerTest {
    static DocumentScorer scorer;
    static Calibration calibration;

    @BeforeAll
    static void load() throws Exception {
        CausalLm lm = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
        Detector d = Detector.builder().setModel(lm).setCriterion(new LogLikelihood()).build();
        // every likelihood of a real text is far above these human scores: every score is likely-machine
        double[] human = new double[60];
        double[] machine = new double[60];
        for (int i = 0; i < 60; i++) {
            human[i] = -100 - i;
            machine[i] = -50 + i;
        }
        Calibration c = Calibrator.defaults().withResamples(50).calibrate(human, machine, "synthetic", Language.ENGLISH,
            lm.info().name(), lm.info().parameters(), "likelihood");
        calibration = c;
        scorer = DocumentScorer.of(ScanModels.of(d)).withCalibration(new CalibrationSet("test", List.of(c)));
    }

    static DocumentReport score(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return scorer.score("t.txt", DocumentScorer.sha256(b), b);
    }

    @Test
    void underTheFloorNothingIsScored() {
        DocumentReport.TooShort r = (DocumentReport.TooShort) score(
            "Once upon a time, there was a dog. It ran to the park and back. The end.");
        assertEquals("too-short", r.label());
        assertTrue(r.reason().contains("needed for any score"), r.reason());
    }

    @Test
    void betweenFloorAndMinimumTheScoreIsShownButTheVerdictIsInconclusive() {
        DocumentReport.Scored r = (DocumentReport.Scored) score(
            TestDocuments.story(2, (DocumentScorer.FLOOR_WORDS + scorer.minWords()) / 2));
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertTrue(Double.isFinite(r.score()) && Double.isFinite(r.probability()), r.toString());
        assertTrue(r.humanPercentile() > 99, r.toString());
        assertTrue(r.reason().orElseThrow().contains("verdicts need " + scorer.minWords()), r.toString());
    }

    @Test
    void aLongTextGetsTheCalibratedVerdictWithProbabilityAndBothPercentiles() {
        DocumentReport.Scored r = (DocumentReport.Scored) score(TestDocuments.story(3, scorer.minWords() + 20));
        assertEquals(Verdict.LIKELY_MACHINE, r.verdict(), r.toString());
        assertEquals(0.99, r.probability(), 1e-12);
        assertTrue(r.machinePercentile() >= 0 && r.machinePercentile() <= 100);
        assertEquals(Optional.empty(), r.reason());
    }

    @Test
    void theScanCalibrationIsTheUsersElseTheFittingBundledOneElseNone() throws Exception {
        DocumentScorer plain = DocumentScorer.of(scorer.models());
        Calibration c = calibration;
        CalibrationSet bundled = new CalibrationSet("bundled", List.of(c));
        List<String> notes = new ArrayList<>();
        assertTrue(plain.withCalibration(Optional.empty(), Optional.empty(), notes::add).calibration().isEmpty());
        assertTrue(notes.get(0).startsWith("no --calibration"), notes.toString());
        // a bundled calibration of another criterion does not apply
        Calibration logrank = Calibrator.defaults().withResamples(50).calibrate(c.humanScores(), Language.ENGLISH,
            c.model(), c.modelParameters(), "logrank");
        assertTrue(plain.withCalibration(Optional.empty(), Optional.of(new CalibrationSet("other", List.of(logrank))),
            notes::add).calibration().isEmpty());
        assertTrue(notes.get(1).contains("criterion logrank, not likelihood"), notes.toString());
        // a fitting bundled one applies as it is
        assertEquals(bundled, plain.withCalibration(Optional.empty(), Optional.of(bundled), notes::add).calibration()
            .orElseThrow());
        assertEquals(2, notes.size());
        // the user's, made from human texts alone, borrows the bundled machine scores, and says so
        Calibration humanOnly = Calibrator.defaults().withResamples(50).calibrate(c.humanScores(), Language.ENGLISH,
            c.model(), c.modelParameters(), "likelihood");
        CalibrationSet chosen = plain.withCalibration(Optional.of(new CalibrationSet("mine", List.of(humanOnly))),
            Optional.of(bundled), notes::add).calibration().orElseThrow();
        assertEquals("mine", chosen.name());
        assertTrue(chosen.calibrations().get(0).hasMachineScores());
        assertTrue(notes.get(2).startsWith("mine: no machine texts for en"), notes.toString());
    }

    /** On resume, a renamed copy of a scored document gets the earlier report whole under its own path. */
    @Test
    void aReusedReportKeepsItsProbabilityUnderTheNewPath(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.txt");
        Files.writeString(a, TestDocuments.story(3, scorer.minWords() + 20));
        ScanResult first = BatchScan.of(scorer).scan(List.of(a), Map.of(), r -> { });
        DocumentReport.Scored r = (DocumentReport.Scored) first.reports().get(0);
        assertTrue(Double.isFinite(r.probability()) && Double.isFinite(r.machinePercentile()), r.toString());
        Path b = Files.copy(a, dir.resolve("b.txt"));
        ScanResult again = BatchScan.of(scorer).scan(List.of(b), Map.of(r.sha256(), r), x -> { });
        assertEquals(1, again.skipped());
        assertEquals(r.withPath(b.toString()), again.reports().get(0));
    }
}
