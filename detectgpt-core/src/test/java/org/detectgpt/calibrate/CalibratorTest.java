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

    /**
     * The same scores in another order (a scan with several threads lists documents as they
     * finish) give the same calibration, interval included.
     */
    @Test
    void theOrderOfTheScoresDoesNotMatter() {
        double[] human = normal(300, 3);
        double[] machine = normal(200, 4);
        for (int i = 0; i < machine.length; i++) {
            machine[i] += 2;
        }
        Calibrator cal = Calibrator.defaults().withResamples(500);
        Calibration a = cal.calibrate(human, machine, "test", Language.ENGLISH, "m", 1, "likelihood");
        double[] h2 = human.clone();
        double[] m2 = machine.clone();
        shuffle(h2, new Random(9));
        shuffle(m2, new Random(10));
        Calibration b = cal.calibrate(h2, m2, "test", Language.ENGLISH, "m", 1, "likelihood");
        assertEquals(a.threshold(), b.threshold(), 0);
        assertEquals(a.ciLow(), b.ciLow(), 0);
        assertEquals(a.ciHigh(), b.ciHigh(), 0);
        assertEquals(a.humanThreshold(), b.humanThreshold(), 0);
    }

    static void shuffle(double[] x, Random r) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
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
        // without machine scores nothing is called likely-human, and the reason says so
        assertEquals(Verdict.INCONCLUSIVE, c.verdict(-1000));
        assertTrue(c.assess(-1000).reason().contains("no machine"));
        assertTrue(Double.isNaN(c.assess(3).probability()));
        assertEquals(50.5, c.humanPercentile(50), 1e-9);
        assertEquals(100, c.humanPercentile(1000), 1e-9);
        assertEquals(0, c.humanPercentile(-1), 1e-9);
    }

    @Test
    void bothClassesGiveStatedErrorRatesOnSyntheticDistributions() {
        // human ~ N(0,1), machine ~ N(2,1): F = 1 %, M = 5 %
        double[] h = normal(4000, 11);
        double[] m = normal(4000, 12);
        for (int i = 0; i < m.length; i++) {
            m[i] += 2;
        }
        Calibration c = Calibrator.defaults().withResamples(200).calibrate(h, m, "synthetic", Language.ENGLISH, "m", 1,
            "likelihood");
        NormalDistribution n = new NormalDistribution();
        assertEquals(n.inverseCumulativeProbability(0.99), c.threshold(), 0.1);
        assertEquals(2 + n.inverseCumulativeProbability(0.05), c.humanThreshold(), 0.1);
        // boundaries: at the threshold machine, just below inconclusive; at the human bound inconclusive, below human
        assertEquals(Verdict.LIKELY_MACHINE, c.verdict(c.threshold()));
        assertEquals(Verdict.INCONCLUSIVE, c.verdict(Math.nextDown(c.threshold())));
        assertEquals(Verdict.INCONCLUSIVE, c.verdict(c.humanThreshold()));
        assertEquals(Verdict.LIKELY_HUMAN, c.verdict(Math.nextDown(c.humanThreshold())));
        // on fresh samples the error rates hold within sampling noise
        double[] h2 = normal(4000, 13);
        double[] m2 = normal(4000, 14);
        long fp = java.util.Arrays.stream(h2).filter(x -> c.verdict(x) == Verdict.LIKELY_MACHINE).count();
        long fn = java.util.Arrays.stream(m2).map(x -> x + 2).filter(x -> c.verdict(x) == Verdict.LIKELY_HUMAN).count();
        assertTrue(fp / 4000.0 <= 0.01 + 0.01, "false positives " + fp);
        assertTrue(fn / 4000.0 <= 0.05 + 0.02, "machine called human " + fn);
        // P(machine): monotone, in [0, 1], about 0.5 where the densities cross (score 1), high for machine-like
        double last = 0;
        for (double x = -6; x <= 8; x += 0.01) {
            double p = c.probability(x);
            assertTrue(p >= 0 && p <= 1 && p >= last, "P(machine) at " + x + " = " + p);
            last = p;
        }
        assertEquals(0.5, c.probability(1.0), 0.1);
        assertTrue(c.probability(4) > 0.95 && c.probability(-2) < 0.05);
        // a higher prior of machine texts raises P(machine)
        Calibration p9 = Calibrator.defaults().withPrior(0.9).withResamples(50).calibrate(h, m, "s", Language.ENGLISH,
            "m", 1, "likelihood");
        assertTrue(p9.probability(1.0) > c.probability(1.0) + 0.2);
        // percentiles of both classes
        assertEquals(50, c.machinePercentile(2), 3);
        assertEquals(Verdict.INCONCLUSIVE, c.assess(Double.NaN).verdict());
        assertTrue(Double.isNaN(c.assess(Double.POSITIVE_INFINITY).probability()));
    }

    @Test
    void machineOnlyAndTooFewTextsAreRefusedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibrator.defaults()
            .calibrate(new double[0], normal(100, 1), "x", Language.ENGLISH, "m", 1, "likelihood"));
        assertTrue(e.getMessage().contains("needs texts known to be human") && !e.getMessage().contains("\n"));
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> Calibrator.defaults()
            .calibrate(normal(100, 1), normal(20, 2), "x", Language.ENGLISH, "m", 1, "likelihood"));
        assertTrue(few.getMessage().contains("20 machine texts") && few.getMessage().contains("--force"));
        Calibration forced = Calibrator.defaults().withForce(true).withResamples(50)
            .calibrate(normal(100, 1), normal(20, 2), "x", Language.ENGLISH, "m", 1, "likelihood");
        assertEquals(20, forced.machineScores().length);
        assertThrows(IllegalArgumentException.class, () -> Calibrator.defaults()
            .calibrate(normal(100, 1), new double[] {Double.NaN}, "x", Language.ENGLISH, "m", 1, "likelihood"));
    }

    @Test
    void userCalibrationBorrowsShippedMachineScores() {
        Calibration user = Calibrator.defaults().withResamples(50).calibrate(normal(100, 1), Language.ENGLISH, "m", 1,
            "ensemble");
        Calibration shipped = Calibrator.defaults().withResamples(50).calibrate(normal(100, 2), normal(100, 3), "oof",
            Language.ENGLISH, "m", 1, "ensemble");
        Calibration other = Calibrator.defaults().withResamples(50).calibrate(normal(100, 2), normal(100, 3), "oof",
            Language.ENGLISH, "m", 1, "likelihood");
        List<String> notes = new java.util.ArrayList<>();
        CalibrationSet merged = new CalibrationSet("mine.json", List.of(user))
            .withMachineFallback(new CalibrationSet("shipped.json", List.of(shipped)), notes::add);
        Calibration c = merged.forLanguage(Language.ENGLISH).orElseThrow();
        assertEquals(100, c.machineScores().length);
        assertEquals(user.threshold(), c.threshold());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("shipped.json"));
        CalibrationSet notMerged = new CalibrationSet("mine.json", List.of(user))
            .withMachineFallback(new CalibrationSet("shipped.json", List.of(other)), notes::add);
        assertTrue(!notMerged.forLanguage(Language.ENGLISH).orElseThrow().hasMachineScores());
    }

    /** 2,000 human texts of an easy source and 300 of one the detector finds machine-like. */
    static String[] twoSources(double[] scores, int easy) {
        String[] src = new String[scores.length];
        for (int i = 0; i < scores.length; i++) {
            src[i] = i < easy ? "news" : "paraphrased";
        }
        return src;
    }

    static double[] easyAndHard(int easy, int hard) {
        double[] s = new double[easy + hard];
        double[] a = normal(easy, 11);
        double[] b = normal(hard, 12);
        for (int i = 0; i < s.length; i++) {
            s[i] = i < easy ? a[i] : b[i - easy] + 1.5;
        }
        return s;
    }

    /**
     * The pooled 1 % lets the machine-like source be flagged several times as often; with the
     * sources named, each one of 100 texts or more keeps to G as well.
     */
    @Test
    void eachNamedSourceKeepsToItsBound() {
        double[] s = easyAndHard(2000, 300);
        String[] src = twoSources(s, 2000);
        double[] hard = java.util.Arrays.copyOfRange(s, 2000, 2300);
        Calibrator cal = Calibrator.defaults().withResamples(200);
        Calibration pooled = cal.calibrate(s, Language.ENGLISH, "m", 1, "likelihood");
        assertTrue(RocCurve.rateAtOrAbove(hard, pooled.threshold()) > 0.03,
            "the test needs a source the pooled rule flags often: " + RocCurve.rateAtOrAbove(hard, pooled.threshold()));
        assertTrue(pooled.sourceRates().isEmpty());

        Calibration named = cal.calibrate(s, src, new double[0], "none", Language.ENGLISH, "m", 1, "likelihood");
        assertEquals(RocCurve.thresholdForFpr(hard, 0.01), named.threshold(), 0);
        assertTrue(RocCurve.rateAtOrAbove(s, named.threshold()) <= 0.01);
        assertTrue(named.ciLow() <= named.threshold() && named.threshold() <= named.ciHigh(), named.toString());
        assertTrue(named.ciLow() > pooled.ciHigh(), "the interval is the rule's, not the pooled one's");
        assertEquals(List.of(
            new Calibration.SourceRate("news", 2000, count(java.util.Arrays.copyOf(s, 2000), named.threshold()), true),
            new Calibration.SourceRate("paraphrased", 300, count(hard, named.threshold()), true)), named.sourceRates());
        assertTrue(named.sourceRates().get(1).rate() <= 0.01);
        assertEquals(0.01, named.sourceFpr(), 0);

        // a looser bound G lands between the two
        Calibration loose = cal.withSourceFpr(0.03).calibrate(s, src, new double[0], "none", Language.ENGLISH, "m", 1,
            "likelihood");
        assertEquals(RocCurve.thresholdForFpr(hard, 0.03), loose.threshold(), 0);
        assertTrue(pooled.threshold() < loose.threshold() && loose.threshold() < named.threshold());
    }

    static int count(double[] s, double threshold) {
        return (int) java.util.Arrays.stream(s).filter(x -> x >= threshold).count();
    }

    /** A source under 100 texts is reported but not bounded on its own; one source is the pooled rule. */
    @Test
    void smallSourcesAndOneSourceFollowThePooledRule() {
        double[] s = easyAndHard(2000, 60);
        Calibrator cal = Calibrator.defaults().withResamples(200);
        Calibration pooled = cal.calibrate(s, Language.ENGLISH, "m", 1, "likelihood");
        Calibration named = cal.calibrate(s, twoSources(s, 2000), new double[0], "none", Language.ENGLISH, "m", 1,
            "likelihood");
        assertEquals(pooled.threshold(), named.threshold(), 0);
        assertEquals("paraphrased", named.sourceRates().get(1).source());
        assertEquals(60, named.sourceRates().get(1).texts());
        assertTrue(!named.sourceRates().get(1).bounded() && named.sourceRates().get(0).bounded());
        assertTrue(named.sourceRates().get(1).rate() > 0.01, named.sourceRates().toString());

        // a shell glob makes each file a source: the small ones are reported together, in one row
        String[] perFile = twoSources(s, 2000);
        for (int i = 2000; i < perFile.length; i++) {
            perFile[i] = "essay-" + i % 20 + ".txt";
        }
        Calibration globbed = cal.calibrate(s, perFile, new double[0], "none", Language.ENGLISH, "m", 1, "likelihood");
        assertEquals(pooled.threshold(), globbed.threshold(), 0);
        assertEquals(List.of(new Calibration.SourceRate("news", 2000, count(java.util.Arrays.copyOf(s, 2000),
            pooled.threshold()), true), new Calibration.SourceRate("20 sources of fewer than 100 texts each", 60,
            count(java.util.Arrays.copyOfRange(s, 2000, 2060), pooled.threshold()), false)), globbed.sourceRates());

        String[] one = new String[s.length];
        java.util.Arrays.fill(one, "essays");
        Calibration single = cal.calibrate(s, one, new double[0], "none", Language.ENGLISH, "m", 1, "likelihood");
        assertEquals(pooled.threshold(), single.threshold(), 0);
        assertEquals(pooled.ciLow(), single.ciLow(), 0);
        assertEquals(pooled.ciHigh(), single.ciHigh(), 0);
        assertTrue(single.sourceRates().isEmpty());
    }

    /** Shuffling the scores together with their sources changes nothing, interval included. */
    @Test
    void theOrderOfSourcedScoresDoesNotMatter() {
        double[] s = easyAndHard(500, 200);
        String[] src = twoSources(s, 500);
        Calibrator cal = Calibrator.defaults().withResamples(200);
        Calibration a = cal.calibrate(s, src, new double[0], "none", Language.ENGLISH, "m", 1, "likelihood");
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Collections.shuffle(java.util.Arrays.asList(order), new Random(5));
        double[] s2 = new double[s.length];
        String[] src2 = new String[s.length];
        for (int i = 0; i < order.length; i++) {
            s2[i] = s[order[i]];
            src2[i] = src[order[i]];
        }
        Calibration b = cal.calibrate(s2, src2, new double[0], "none", Language.ENGLISH, "m", 1, "likelihood");
        assertEquals(a, b);
        assertThrows(IllegalArgumentException.class, () -> cal.calibrate(s, new String[3], new double[0], "none",
            Language.ENGLISH, "m", 1, "likelihood"));
        assertThrows(IllegalArgumentException.class, () -> cal.withSourceFpr(1.5));
    }

    @Test
    void fileRoundTrip(@TempDir Path dir) throws Exception {
        Calibration en = Calibrator.defaults().withResamples(100).calibrate(normal(50, 1), Language.ENGLISH,
            "stories260K.bin", 260_000, "fast-detectgpt");
        Calibration zh = Calibrator.defaults().withResamples(100).withTargetFpr(0.5).calibrate(normal(60, 2),
            normal(70, 3), "calibration texts", Language.CHINESE, "qwen", 5, "fast-detectgpt");
        Path f = dir.resolve("cal.json");
        double[] s = easyAndHard(400, 150);
        Calibration sourced = Calibrator.defaults().withResamples(100).withSourceFpr(0.02).calibrate(s,
            twoSources(s, 400), normal(60, 4), "calibration texts", Language.ENGLISH, "m", 1, "likelihood");
        new CalibrationSet("cal.json", List.of(en, zh)).write(f);
        CalibrationSet back = CalibrationSet.read(f);
        assertEquals(List.of(en, zh), back.calibrations());
        new CalibrationSet("cal.json", List.of(sourced)).write(f);
        Calibration sourcedBack = CalibrationSet.read(f).calibrations().get(0);
        assertEquals(sourced, sourcedBack);
        assertEquals(2, sourcedBack.sourceRates().size());
        assertEquals(0.02, sourcedBack.sourceFpr(), 0);
        assertEquals(sourced.sourceRates(), sourcedBack.withMachineScores(normal(70, 5), "x").sourceRates());
        new CalibrationSet("cal.json", List.of(en, zh)).write(f);
        assertEquals(zh, back.forLanguage(Language.CHINESE).orElseThrow());
        assertTrue(back.forLanguage(Language.OTHER).isEmpty());
        java.nio.file.Files.writeString(f, "{\"format\": \"x\"}");
        DetectGptException e = assertThrows(DetectGptException.class, () -> CalibrationSet.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not a calibration file"), e.getMessage());
    }
}
