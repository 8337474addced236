package org.detectgpt.criterion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.detectgpt.stats.TokenStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every criterion on hand-computable statistics (exact to 1e-12), its orientation, its edge
 * cases, and the registry.
 */
class CriteriaTest {
    private static final double EXACT = 1e-12;

    /**
     * Two positions: lp = (−1, −3), r = (1, 20), H = (0.5, 2.5), μ = (−0.5, −2.5),
     * σ² = (0.25, 4), and for the cross variant Σ q log p = (−0.8, −2.0), cross σ² = (0.5, 1.5).
     */
    private static final double[] LP = {-1.0, -3.0};
    private static final int[] RANK = {1, 20};
    private static final double[] H = {0.5, 2.5};
    private static final double[] MU = {-0.5, -2.5};
    private static final double[] VAR = {0.25, 4.0};
    private static final double[] CROSS_MU = {-0.8, -2.0};
    private static final double[] CROSS_VAR = {0.5, 1.5};
    private static final TokenStatistics TWO = TestStats.of(LP, RANK, H, MU, VAR);
    private static final TokenStatistics TWO_CROSS =
        TestStats.withCross(LP, RANK, H, MU, VAR, CROSS_MU, CROSS_VAR);

    static Stream<Arguments> handComputed() {
        return Stream.of(
            Arguments.of(new LogLikelihood(), TWO, -2.0),
            Arguments.of(new Rank(), TWO, -10.5),
            Arguments.of(new LogRank(), TWO, -Math.log(20) / 2),
            Arguments.of(new Entropy(), TWO, -1.5),
            Arguments.of(new LogLikelihoodLogRankRatio(), TWO, 4 / Math.log(20)),
            Arguments.of(new GltrBuckets(), TWO, 0.5),
            // (−4 − (−3)) / sqrt(0.25 + 4)
            Arguments.of(new FastDetectGpt(), TWO, -1 / Math.sqrt(4.25)),
            // (−4 − (−2.8)) / sqrt(0.5 + 1.5)
            Arguments.of(new FastDetectGpt(), TWO_CROSS, -1.2 / Math.sqrt(2.0)),
            // log-ppl 2, x = mean entropy 1.5
            Arguments.of(new Binoculars(), TWO, -2 / 1.5),
            // log-ppl 2, x = 2.8 / 2
            Arguments.of(new Binoculars(), TWO_CROSS, -2 / 1.4),
            // criteria without a sampling model ignore the cross statistics
            Arguments.of(new LogLikelihood(), TWO_CROSS, -2.0),
            Arguments.of(new Entropy(), TWO_CROSS, -1.5),
            // one position
            Arguments.of(new LogRank(), TestStats.ranks(7), -Math.log(7)),
            Arguments.of(new Rank(), TestStats.ranks(7), -7.0));
    }

    @ParameterizedTest(name = "[{index}] {0} = {2}")
    @MethodSource("handComputed")
    void scoresHandComputedStatistics(Criterion criterion, TokenStatistics stats,
            double expected) {
        assertEquals(expected, criterion.score(stats), EXACT);
    }

    /** A machine-like text: confident, top-ranked tokens above the expected log-likelihood. */
    private static final TokenStatistics MACHINE_LIKE = TestStats.of(
        new double[] {-0.8, -1.2}, new int[] {1, 2}, new double[] {1.0, 1.5},
        new double[] {-1.0, -1.5}, new double[] {1.0, 1.0});
    /** A human-like text: uncertain contexts, low-ranked tokens below expectation. */
    private static final TokenStatistics HUMAN_LIKE = TestStats.of(
        new double[] {-3.0, -5.0}, new int[] {5, 40}, new double[] {2.5, 3.5},
        new double[] {-2.5, -3.5}, new double[] {2.0, 2.0});

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void higherMeansMoreLikelyMachine(String name) {
        Criterion c = Criteria.forName(name);
        assertTrue(c.score(MACHINE_LIKE) > c.score(HUMAN_LIKE),
            name + ": " + c.score(MACHINE_LIKE) + " vs " + c.score(HUMAN_LIKE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void rejectsStatisticsWithoutPositions(String name) {
        Criterion c = Criteria.forName(name);
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> c.score(TestStats.empty()));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    /** The token-statistics criteria (the others need perturbations or regenerations). */
    static Stream<String> names() {
        return Criteria.names().stream().filter(n -> Criteria.typeOf(n) == Criterion.class);
    }

    @Test
    void lrrFloorsTheLogRankSumWhenEveryTokenHasRankOne() {
        TokenStatistics allTop = TestStats.of(new double[] {-0.5, -0.25}, new int[] {1, 1},
            new double[2], new double[2], new double[2]);
        double score = new LogLikelihoodLogRankRatio().score(allTop);
        assertEquals(0.75 / (Math.log(2) / 2), score, EXACT);
        assertTrue(Double.isFinite(score));
        // one rank-2 token with the same likelihood scores half as much
        TokenStatistics oneRankTwo = TestStats.of(new double[] {-0.5, -0.25}, new int[] {1, 2},
            new double[2], new double[2], new double[2]);
        assertEquals(score / 2, new LogLikelihoodLogRankRatio().score(oneRankTwo), EXACT);
    }

    @Test
    void lrrOfACertainTextIsZero() {
        assertEquals(0.0, new LogLikelihoodLogRankRatio().score(TestStats.ranks(1, 1, 1)), EXACT);
    }

    @Test
    void fastDetectGptWithZeroVarianceUsesAUnitDenominator() {
        // same model, one-hot distributions: lp = μ, σ² = 0 → 0
        TokenStatistics certain = TestStats.of(new double[] {-0.0, -0.0}, new int[] {1, 1},
            new double[2], new double[2], new double[2]);
        assertEquals(0.0, new FastDetectGpt().score(certain), EXACT);
        // uniform over 4 tokens: σ² = 0 and lp = μ = −ln 4 → 0
        double l4 = -Math.log(4);
        TokenStatistics uniform = TestStats.of(new double[] {l4}, new int[] {1},
            new double[] {-l4}, new double[] {l4}, new double[] {0.0});
        assertEquals(0.0, new FastDetectGpt().score(uniform), EXACT);
        // a sampling model with zero cross variance: plain discrepancy −1 − (−0.25)
        TokenStatistics cross = TestStats.withCross(new double[] {-1.0}, new int[] {2},
            new double[] {1.0}, new double[] {-1.0}, new double[] {0.5},
            new double[] {-0.25}, new double[] {0.0});
        assertEquals(-0.75, new FastDetectGpt().score(cross), EXACT);
    }

    @Test
    void fastDetectGptTreatsNegativeRoundingVarianceAsZero() {
        TokenStatistics stats = TestStats.of(new double[] {-1.0, -2.0}, new int[] {1, 3},
            new double[] {1.0, 1.0}, new double[] {-1.0, -1.0}, new double[] {-1e-17, 4.0});
        assertEquals(-1.0 / 2.0, new FastDetectGpt().score(stats), EXACT);
    }

    @Test
    void binocularsFloorsAZeroCrossPerplexity() {
        TokenStatistics surprising = TestStats.withCross(new double[] {-1.0, -1.0},
            new int[] {2, 2}, new double[2], new double[2], new double[2], new double[] {0, 0},
            new double[] {0, 0});
        assertEquals(-1.0 / Binoculars.MIN_CROSS_LOG_PPL, new Binoculars().score(surprising),
            1e-3);
        TokenStatistics certain = TestStats.withCross(new double[] {0, 0}, new int[] {1, 1},
            new double[2], new double[2], new double[2], new double[] {0, 0},
            new double[] {0, 0});
        assertEquals(0.0, new Binoculars().score(certain), EXACT);
    }

    @Test
    void gltrFractionsCoverTheFourBuckets() {
        GltrBuckets gltr = new GltrBuckets();
        TokenStatistics stats = TestStats.ranks(1, 10, 11, 100, 101, 1000, 1001, 50_000);
        double[] f = gltr.fractions(stats);
        assertEquals(GltrBuckets.BUCKETS, f.length);
        for (double fraction : f) {
            assertEquals(0.25, fraction, EXACT);
        }
        assertEquals(0.25, gltr.score(stats), EXACT);
        double[] g = gltr.fractions(TestStats.ranks(3, 3, 2000));
        assertEquals(2.0 / 3, g[0], EXACT);
        assertEquals(0.0, g[1], EXACT);
        assertEquals(0.0, g[2], EXACT);
        assertEquals(1.0 / 3, g[3], EXACT);
    }

    @ParameterizedTest(name = "rank {0} → bucket {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1,0", "10,0", "11,1", "100,1", "101,2",
        "1000,2", "1001,3", "2147483647,3"})
    void gltrBucketEdges(int rank, int bucket) {
        assertEquals(bucket, GltrBuckets.bucketOf(rank));
    }

    @Test
    void samplingModelFlags() {
        for (String name : names().toList()) {
            boolean expected = name.equals(FastDetectGpt.NAME) || name.equals(Binoculars.NAME);
            assertEquals(expected, Criteria.forName(name).usesSamplingModel(), name);
        }
    }

    @Test
    void registryListsTheCriteriaInOrder() {
        assertEquals(List.of("likelihood", "rank", "logrank", "entropy", "lrr", "gltr",
            "fast-detectgpt", "binoculars", "detectgpt", "npr", "dna-gpt"), Criteria.names());
        assertThrows(UnsupportedOperationException.class, () -> Criteria.names().add("x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void registryReturnsTheNamedCriterion(String name) {
        Criterion c = Criteria.forName(name);
        assertEquals(name, c.name());
        assertEquals(name, c.toString());
        assertTrue(Criteria.isKnown(name));
        assertSame(Criterion.class, Criteria.typeOf(name));
        assertEquals(c.getClass(), Criteria.forName(name, Criterion.class).getClass());
    }

    @Test
    void registryNamesMatchTheConstants() {
        assertEquals(List.of(LogLikelihood.NAME, Rank.NAME, LogRank.NAME, Entropy.NAME,
            LogLikelihoodLogRankRatio.NAME, GltrBuckets.NAME, FastDetectGpt.NAME,
            Binoculars.NAME, DetectGpt.NAME, Npr.NAME, DnaGpt.NAME), Criteria.names());
    }

    @Test
    void criteriaBeyondTokenStatisticsAreRegisteredWithTheirOwnType() {
        assertSame(PerturbationCriterion.class, Criteria.typeOf("detectgpt"));
        assertSame(PerturbationCriterion.class, Criteria.typeOf("npr"));
        assertSame(DnaGpt.class, Criteria.typeOf("dna-gpt"));
        assertEquals("detectgpt", Criteria.forName("detectgpt", PerturbationCriterion.class).name());
        assertEquals("npr", Criteria.forName("npr", PerturbationCriterion.class).name());
        assertEquals("dna-gpt", Criteria.forName("dna-gpt", DnaGpt.class).name());
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> Criteria.forName("detectgpt"));
        assertTrue(e.getMessage().contains("PerturbationCriterion"), e.getMessage());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> Criteria.forName("detectgpt-x"));
        assertTrue(e.getMessage().contains("detectgpt-x"), e.getMessage());
        for (String name : Criteria.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertFalse(Criteria.isKnown("detectgpt-x"));
        assertThrows(IllegalArgumentException.class, () -> Criteria.forName(null));
        assertThrows(IllegalArgumentException.class, () -> Criteria.typeOf("nope"));
    }

    @Test
    void wrongTypeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Criteria.forName(LogLikelihood.NAME, String.class));
        assertTrue(e.getMessage().contains("likelihood"), e.getMessage());
    }
}
