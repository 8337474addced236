package org.detectgpt.criterion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.detectgpt.stats.TokenStatistics;
import org.junit.jupiter.api.Test;

/** DetectGPT's d and z and NPR on hand-computable statistics (exact to 1e-12), orientation, edges. */
class PerturbationCriteriaTest {
    private static final double EXACT = 1e-12;

    static TokenStatistics lp(double... logprob) {
        double[] zeros = new double[logprob.length];
        int[] ones = new int[logprob.length];
        java.util.Arrays.fill(ones, 1);
        return TestStats.of(logprob, ones, zeros, zeros, zeros);
    }

    @Test
    void discrepancyAndItsNormalization() {
        // ll(x) = −2; ll(x̃) = −3, −2.5, −3.5: mean −3, population std sqrt(1/6)
        DetectGpt.Discrepancy d = DetectGpt.discrepancy(lp(-1, -3), List.of(lp(-3), lp(-2, -3), lp(-4, -3)));
        assertEquals(-2, d.logLikelihood(), EXACT);
        assertEquals(-3, d.perturbedMean(), EXACT);
        assertEquals(Math.sqrt(1.0 / 6), d.perturbedStd(), EXACT);
        assertEquals(1, d.d(), EXACT);
        assertEquals(Math.sqrt(6), d.z(), EXACT);
        assertEquals(3, d.perturbations());
        assertEquals(Math.sqrt(6), new DetectGpt().score(lp(-1, -3), List.of(lp(-3), lp(-2, -3), lp(-4, -3))), EXACT);
    }

    @Test
    void aZeroOrUndefinedSpreadDividesByOne() {
        assertEquals(0.5, new DetectGpt().score(lp(-1), List.of(lp(-1.5))), EXACT);
        assertEquals(0.5, new DetectGpt().score(lp(-1), List.of(lp(-1.5), lp(-2, -1))), EXACT);
        // a text too short to mask is its own perturbation: d = z = 0
        assertEquals(0, new DetectGpt().score(lp(-1, -2), List.of(lp(-1, -2), lp(-1, -2))), EXACT);
    }

    @Test
    void nprIsTheRatioOfMeanLogRanks() {
        // lr(x) = (ln 2 + ln 8) / 2 = 2 ln 2; lr(x̃) = 2 ln 2 and 3 ln 2
        TokenStatistics x = TestStats.ranks(2, 8);
        assertEquals(1.25, new Npr().score(x, List.of(TestStats.ranks(4, 4), TestStats.ranks(8, 8))), EXACT);
        // every original token ranked first: the floor keeps the score finite and high
        double top = new Npr().score(TestStats.ranks(1, 1), List.of(TestStats.ranks(2, 2)));
        assertEquals(Math.log(2) / Npr.MIN_LOG_RANK, top, 1e-6);
    }

    @Test
    void higherMeansMoreLikelyMachine() {
        // a machine text loses much likelihood and gains much log-rank when perturbed
        TokenStatistics machine = TestStats.of(new double[] {-0.5, -0.7}, new int[] {1, 2}, new double[2],
            new double[2], new double[2]);
        List<TokenStatistics> machinePerturbed = List.of(
            TestStats.of(new double[] {-2.0, -2.2}, new int[] {6, 9}, new double[2], new double[2], new double[2]),
            TestStats.of(new double[] {-1.8, -2.4}, new int[] {5, 12}, new double[2], new double[2], new double[2]));
        // a human text changes little
        TokenStatistics human = TestStats.of(new double[] {-3.0, -3.4}, new int[] {20, 30}, new double[2],
            new double[2], new double[2]);
        List<TokenStatistics> humanPerturbed = List.of(
            TestStats.of(new double[] {-3.1, -3.2}, new int[] {22, 25}, new double[2], new double[2], new double[2]),
            TestStats.of(new double[] {-2.9, -3.5}, new int[] {18, 35}, new double[2], new double[2], new double[2]));
        for (PerturbationCriterion c : List.of(new DetectGpt(), new Npr())) {
            assertTrue(c.score(machine, machinePerturbed) > c.score(human, humanPerturbed), c.name());
        }
    }

    @Test
    void needsPerturbationsAndPositions() {
        for (PerturbationCriterion c : List.of(new DetectGpt(), new Npr())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.score(lp(-1), List.of()));
            assertTrue(e.getMessage().contains(c.name()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.score(TestStats.empty(), List.of(lp(-1))));
            assertEquals(c.name(), c.toString());
        }
    }
}
