package org.detectgpt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.detectgpt.metrics.RocCurve.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** AUROC, ROC points, TPR at FPR and FPR calibration on hand-made and random cases. */
class RocCurveTest {
    private static final double EXACT = 1e-12;

    static Stream<Arguments> aurocCases() {
        return Stream.of(
            Arguments.of("perfect", new double[] {0, 1, 2}, new double[] {3, 4}, 1.0),
            Arguments.of("inverted", new double[] {3, 4}, new double[] {0, 1, 2}, 0.0),
            Arguments.of("all ties", new double[] {5, 5, 5}, new double[] {5, 5}, 0.5),
            // pairs (h, m): m=2 beats 1, ties 2,2 → 2; m=3 beats 1,2,2, ties 3 → 3.5; m=4 → 4
            Arguments.of("ties by hand", new double[] {1, 2, 2, 3}, new double[] {2, 3, 4},
                9.5 / 12),
            Arguments.of("one each, tie", new double[] {1}, new double[] {1}, 0.5),
            Arguments.of("signed zeros tie", new double[] {-0.0}, new double[] {0.0}, 0.5),
            Arguments.of("infinities", new double[] {Double.NEGATIVE_INFINITY, 0},
                new double[] {0, Double.POSITIVE_INFINITY}, 0.875));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aurocCases")
    void auroc(String label, double[] human, double[] machine, double expected) {
        assertEquals(expected, RocCurve.of(human, machine).auroc(), EXACT);
    }

    @Test
    void pointsAtEveryDistinctThreshold() {
        RocCurve roc = RocCurve.of(new double[] {1, 2, 2, 3}, new double[] {2, 3, 4});
        List<Point> expected = List.of(
            new Point(0, 0, Double.POSITIVE_INFINITY),
            new Point(0, 1.0 / 3, 4),
            new Point(0.25, 2.0 / 3, 3),
            new Point(0.75, 1, 2),
            new Point(1, 1, 1));
        assertEquals(expected.size(), roc.points().size());
        for (int i = 0; i < expected.size(); i++) {
            Point e = expected.get(i);
            Point p = roc.points().get(i);
            assertEquals(e.fpr(), p.fpr(), EXACT, "fpr " + i);
            assertEquals(e.tpr(), p.tpr(), EXACT, "tpr " + i);
            assertEquals(e.threshold(), p.threshold(), 0.0, "threshold " + i);
        }
        assertEquals(4, roc.negatives());
        assertEquals(3, roc.positives());
        assertEquals(trapezoid(roc.points()), roc.auroc(), EXACT);
        assertThrows(UnsupportedOperationException.class, () -> roc.points().clear());
    }

    @ParameterizedTest(name = "FPR ≤ {0} → TPR {1} at threshold {2}")
    @CsvSource({"0, 0.3333333333333333, 4", "0.2, 0.3333333333333333, 4",
        "0.25, 0.6666666666666666, 3", "0.5, 0.6666666666666666, 3", "0.75, 1, 2", "1, 1, 2"})
    void operatingPoint(double maxFpr, double tpr, double threshold) {
        RocCurve roc = RocCurve.of(new double[] {1, 2, 2, 3}, new double[] {2, 3, 4});
        Point p = roc.operatingPoint(maxFpr);
        assertEquals(tpr, p.tpr(), EXACT);
        assertEquals(threshold, p.threshold(), 0.0);
        assertTrue(p.fpr() <= maxFpr);
        assertEquals(tpr, roc.tprAtFpr(maxFpr), EXACT);
    }

    @Test
    void operatingPointIsTheOriginWhenNothingFits() {
        RocCurve roc = RocCurve.of(new double[] {5}, new double[] {1});
        assertEquals(new Point(0, 0, Double.POSITIVE_INFINITY), roc.operatingPoint(0.5));
        assertThrows(IllegalArgumentException.class, () -> roc.tprAtFpr(1.5));
        assertThrows(IllegalArgumentException.class, () -> roc.tprAtFpr(-0.1));
    }

    @ParameterizedTest(name = "target {0}")
    @CsvSource({"0, 3, 0", "0.2, 3, 0", "0.25, 2, 0.25", "0.5, 2, 0.25", "0.74, 2, 0.25",
        "0.75, 1, 0.75", "0.99, 1, 0.75"})
    void thresholdForFprByHand(double target, double justBelowThreshold, double realisedFpr) {
        double[] human = {1, 2, 2, 3};
        double t = RocCurve.thresholdForFpr(human, target);
        assertEquals(Math.nextUp(justBelowThreshold), t, 0.0);
        assertEquals(realisedFpr, RocCurve.rateAtOrAbove(human, t), EXACT);
    }

    @Test
    void thresholdForFprEdgeCases() {
        assertEquals(Double.NEGATIVE_INFINITY, RocCurve.thresholdForFpr(new double[] {1, 2}, 1));
        double[] hundred = IntStream.range(0, 100).asDoubleStream().toArray();
        // 0.29 · 100 = 28.999999999999996 in double; 29 / 100.0 ≤ 0.29 still holds
        assertEquals(Math.nextUp(70.0), RocCurve.thresholdForFpr(hundred, 0.29), 0.0);
        assertEquals(0.29, RocCurve.rateAtOrAbove(hundred, Math.nextUp(70.0)), EXACT);
        assertEquals(Double.POSITIVE_INFINITY, RocCurve.thresholdForFpr(
            new double[] {Double.POSITIVE_INFINITY, 1}, 0));
        assertEquals(Double.MIN_VALUE, RocCurve.thresholdForFpr(new double[] {-0.0, 0.0}, 0));
        assertThrows(IllegalArgumentException.class,
            () -> RocCurve.thresholdForFpr(new double[0], 0.1));
        assertThrows(IllegalArgumentException.class,
            () -> RocCurve.thresholdForFpr(new double[] {1}, 1.01));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.thresholdForFpr(new double[] {1, Double.NaN}, 0.1));
        assertTrue(nan.getMessage().contains("1 NaN"), nan.getMessage());
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3", "4", "5"})
    void matchesBruteForceAndCalibrationAgreesWithTheCurve(long seed) {
        Random random = new Random(seed);
        // integer scores: many ties
        double[] human = random.ints(40 + random.nextInt(40), 0, 30).asDoubleStream().toArray();
        double[] machine =
            random.ints(30 + random.nextInt(40), 5, 40).asDoubleStream().toArray();
        RocCurve roc = RocCurve.of(human, machine);
        double u = 0;
        for (double h : human) {
            for (double m : machine) {
                u += m > h ? 1 : m == h ? 0.5 : 0;
            }
        }
        assertEquals(u / (human.length * (double) machine.length), roc.auroc(), EXACT);
        assertEquals(trapezoid(roc.points()), roc.auroc(), EXACT);
        for (double target : new double[] {0, 0.01, 0.05, 0.1, 0.2, 0.5, 0.9, 1}) {
            double t = RocCurve.thresholdForFpr(human, target);
            assertTrue(RocCurve.rateAtOrAbove(human, t) <= target, "fpr at " + target);
            assertEquals(roc.tprAtFpr(target), RocCurve.rateAtOrAbove(machine, t), EXACT,
                "tpr at " + target);
            // no smaller double threshold meets the target
            double below = Math.nextDown(t);
            if (t != Double.NEGATIVE_INFINITY) {
                assertTrue(RocCurve.rateAtOrAbove(human, below) > target, "minimal at " + target);
            }
        }
    }

    @Test
    void rejectsNaNAndEmptyClasses() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(new double[] {1, Double.NaN}, new double[] {Double.NaN, 2, 3}));
        assertEquals("2 NaN scores (1 human, 1 machine)", nan.getMessage());
        IllegalArgumentException noHuman = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(new double[0], new double[] {1}));
        assertTrue(noHuman.getMessage().contains("human"), noHuman.getMessage());
        IllegalArgumentException noMachine = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(new double[] {1}, new double[0]));
        assertTrue(noMachine.getMessage().contains("machine"), noMachine.getMessage());
    }

    @Test
    void doesNotKeepTheCallersArrays() {
        double[] human = {1, 2};
        double[] machine = {3, 4};
        RocCurve roc = RocCurve.of(human, machine);
        human[0] = 10;
        machine[0] = -10;
        assertEquals(1.0, roc.auroc(), EXACT);
    }

    private static double trapezoid(List<Point> points) {
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2;
        }
        return area;
    }
}
