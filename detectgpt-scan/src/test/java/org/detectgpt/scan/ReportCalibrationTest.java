package org.detectgpt.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.Calibrator;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.criterion.LogLikelihood;
import org.detectgpt.detect.Detector;
import org.detectgpt.language.Language;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.testing.Fixtures;
import org.detectgpt.testing.ScoresFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibrate workflow as a library call: scores from reports and files, one calibration per language. */
class ReportCalibrationTest {
    static DocumentReport scored(String path, String lang, double score) {
        return new DocumentReport.Scored(path, "00", "likelihood", Verdict.INCONCLUSIVE, score, Double.NaN, Double.NaN,
            Double.NaN, lang, 300, "m", Optional.empty(), "text", List.of());
    }

    static List<DocumentReport> reports(String prefix, String lang, int n, double base) {
        List<DocumentReport> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(scored(prefix + i + ".txt", lang, base + i));
        }
        return out;
    }

    @Test
    void calibratesEachLanguageFromReportsAndScoresFiles(@TempDir Path dir) throws Exception {
        CausalLm lm = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
        Detector d = Detector.builder().setModel(lm).setCriterion(new LogLikelihood()).build();
        List<DocumentReport> human = new ArrayList<>(reports("h", "en", 60, -100));
        human.add(new DocumentReport.Failed("bad.pdf", Optional.empty(), "likelihood", "not a readable PDF"));
        human.add(new DocumentReport.TooShort("short.txt", "11", "likelihood", "en", 3, "m",
            "3 words, under the 25 needed for any score", "text", List.of()));
        human.add(scored("nan.txt", "en", Double.NaN));
        // Chinese: too few human texts for a calibration
        human.addAll(reports("zh", "zh", 5, -80));
        Path scores = dir.resolve("scores-en.json");
        Files.writeString(scores, "{\"language\": \"en\", \"human\": [], \"machine\": [-10, -11, -12]}");
        ReportCalibration rc = ReportCalibration.empty().withScoresFile(scores).withHuman(human, "class of 2019")
            .withMachine(reports("m", "en", 57, -40));

        assertEquals(List.of("bad.pdf: error (not a readable PDF)",
            "short.txt: too-short (3 words, under the 25 needed for any score)", "nan.txt: inconclusive (null)"),
            ReportCalibration.leftOut(human));
        List<ReportCalibration.Outcome> out = rc.calibrate(Calibrator.defaults().withResamples(50), ScanModels.of(d));
        assertEquals(2, out.size());
        ReportCalibration.Outcome en = out.get(0);
        assertEquals(Language.ENGLISH, en.language());
        assertEquals(60, en.human());
        assertEquals(60, en.machine());
        Calibration c = en.calibration().orElseThrow();
        assertEquals(d.modelIdentity(), c.model());
        assertEquals("likelihood", c.criterion());
        assertEquals(ReportCalibration.SCORES_FILES + " + " + ReportCalibration.CALIBRATION_TEXTS, c.machineSource());
        assertTrue(c.threshold() > -100 && c.threshold() <= -40, "threshold " + c.threshold());
        assertEquals(new ReportCalibration.Outcome(Language.CHINESE, 5, 0, Optional.empty()), out.get(1));
        // the object is immutable: the first copy still lacks the machine documents
        assertEquals(3, ReportCalibration.empty().withScoresFile(scores)
            .calibrate(Calibrator.defaults().withForce(true), ScanModels.of(d)).get(0).machine());
    }

    /** A scores file's human_sources name each human score's training file; each is bounded by G. */
    @Test
    void scoresFilesNameTheirHumanSources(@TempDir Path dir) throws Exception {
        CausalLm lm = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
        Detector d = Detector.builder().setModel(lm).setCriterion(new LogLikelihood()).build();
        Path f = ScoresFiles.twoSources(dir.resolve("oof.json"));
        Calibration c = ReportCalibration.empty().withScoresFile(f)
            .calibrate(Calibrator.defaults().withResamples(20), ScanModels.of(d)).get(0).calibration().orElseThrow();
        // b.jsonl's own 1 % allows one of its texts (249), the pooled 1 % three
        assertEquals(List.of(new Calibration.SourceRate("a.jsonl", 200, 0, true),
            new Calibration.SourceRate("b.jsonl", 100, 1, true)),
            c.sourceRates());
        assertEquals(Math.nextUp(248.0), c.threshold(), 0);

        Files.writeString(f, "{\"language\": \"en\", \"human\": [1, 2], \"human_sources\": [\"a\"], \"machine\": []}");
        DetectGptException e = assertThrows(DetectGptException.class, () -> ReportCalibration.empty().withScoresFile(f));
        assertEquals(f + ": 1 human_sources for 2 human scores", e.getMessage());
    }

    @Test
    void aForeignScoresFileIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"machine\": [1]}");
        DetectGptException e = assertThrows(DetectGptException.class, () -> ReportCalibration.empty().withScoresFile(f));
        assertTrue(e.getMessage().startsWith(f + ": not a scores file"), e.getMessage());
        Files.writeString(f, "{not json");
        e = assertThrows(DetectGptException.class, () -> ReportCalibration.empty().withScoresFile(f));
        assertTrue(e.getMessage().startsWith(f + ": cannot read"), e.getMessage());
    }
}
