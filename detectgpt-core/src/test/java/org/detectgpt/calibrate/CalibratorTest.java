package org.detectgpt.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.detectgpt.DetectGptException;
import org.detectgpt.language.Language;
import org.detectgpt.metrics.RocCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibratorTest {
    static double[] normal(int n, long seed) {
        Random r = new Random(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextGaussian();
        }
        return s;
    }

    @Test
    void thresholdAndIntervalCoverTheTrueQuantile() {
        double fpr = 0.05;
        double truth = new NormalDistribution().inverseCumulativeProbability(1 - fpr); // 1.6449
        Calibration c = Calibrator.defaults().withTargetFpr(fpr).withResamples(1000)
            .calibrate(normal(2000, 7), Language.ENGLISH, "m", 1, "likelihood");
        assertTrue(c.ciLow() <= truth && truth <= c.ciHigh(), c.ciLow() + " .. " + c.ciHigh() + " vs " + truth);
        assertTrue(c.ciLow() <= c.threshold() && c.threshold() <= c.ciHigh(), c.toString());
        assertTrue(c.ciHigh() - c.ciLow() < 0.4, "interval too wide: " + c.ciLow() + " .. " + c.ciHigh());
        assertEquals(0, c.humanMedian(), 0.1);
        assertTrue(RocCurve.rateAtOrAbove(c.humanScores(), c.threshold()) <= fpr);
    }

    @Test
    void intervalCoversTheTruthAtAboutItsConfidence() {
        double fpr = 0.10;
        double truth = new NormalDistribution().inverseCumulativeProbability(1 - fpr);
        int covered = 0;
        int trials = 40;
        for (int t = 0; t < trials; t++) {
            Calibration c = Calibrator.defaults().withTargetFpr(fpr).withResamples(300).withSeed(t)
                .calibrate(normal(400, 100 + t), Language.ENGLISH, "m", 1, "likelihood");
            if (c.ciLow() <= truth && truth <= c.ciHigh()) {
                covered++;
            }
        }
        assertTrue(covered >= 0.8 * trials, covered + " of " + trials + " intervals cover the true quantile");
    }

    @Test
    void verdictRuleAndPercentile() {
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = i;
        }
        Calibration c = Calibrator.defaults().withTargetFpr(0.05).withResamples(50)
            .calibrate(scores, Language.ENGLISH, "m", 1, "likelihood");
        assertEquals(Math.nextUp(94.0), c.threshold());
        assertEquals(Verdict.LIKELY_MACHINE, c.verdict(95));
        assertEquals(Verdict.INCONCLUSIVE, c.verdict(94));
        assertEquals(Verdict.INCONCLUSIVE, c.verdict(49.5));
        assertEquals(Verdict.LIKELY_HUMAN, c.verdict(49.4));
        assertEquals(50.5, c.humanPercentile(50), 1e-9);
        assertEquals(100, c.humanPercentile(1000), 1e-9);
        assertEquals(0, c.humanPercentile(-1), 1e-9);
    }

    @Test
    void tooFewTextsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Calibrator.defaults()
            .calibrate(new double[] {1, 2, 3}, Language.ENGLISH, "m", 1, "likelihood"));
    }

    @Test
    void fileRoundTrip(@TempDir Path dir) throws Exception {
        Calibration en = Calibrator.defaults().withResamples(100).calibrate(normal(50, 1), Language.ENGLISH,
            "stories260K.bin", 260_000, "fast-detectgpt");
        Calibration zh = Calibrator.defaults().withResamples(100).withTargetFpr(0.5).calibrate(normal(20, 2),
            Language.CHINESE, "qwen", 5, "fast-detectgpt");
        Path f = dir.resolve("cal.json");
        new CalibrationSet("cal.json", List.of(en, zh)).write(f);
        CalibrationSet back = CalibrationSet.read(f);
        assertEquals(List.of(en, zh), back.calibrations());
        assertEquals(zh, back.forLanguage(Language.CHINESE).orElseThrow());
        assertTrue(back.forLanguage(Language.OTHER).isEmpty());
        java.nio.file.Files.writeString(f, "{\"format\": \"x\"}");
        DetectGptException e = assertThrows(DetectGptException.class, () -> CalibrationSet.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not a calibration file"), e.getMessage());
    }
}
