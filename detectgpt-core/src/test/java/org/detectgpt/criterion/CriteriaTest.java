package org.detectgpt.criterion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.detectgpt.stats.TokenStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every criterion on hand-computable statistics (exact to 1e-12), its orientation, its edge
 * cases. The registry is tested in {@code org.detectgpt.detect.CriteriaTest}.
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
            // ((−1 − (−2)) + (−3 − (−2.5))) / 2
            Arguments.of(new LikelihoodRatio(), TestStats.withSampling(LP, new double[] {-2.0, -2.5}), 0.25),
            // criteria without a sampling model ignore the cross statistics
            Arguments.of(new LogLikelihood(), TWO_CROSS, -2.0),
            Arguments.of(new Entropy(), TWO_CROSS, -1.5),
            // one position
            Arguments.of(new LogRank(), TestStats.ranks(7), -Math.log(7)),
            Arguments.of(new Rank(), TestStats.ranks(7), -7.0));
    }

    @ParameterizedTest(name = "[{index}] {0} = {2}")
    @MethodSource("handComputed")
    void scoresHandComputedStatistics(TokenCriterion criterion, TokenStatistics stats,
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
    @MethodSource("tokenCriteria")
    void higherMeansMoreLikelyMachine(TokenCriterion c) {
        assertTrue(c.score(MACHINE_LIKE) > c.score(HUMAN_LIKE),
            c.name() + ": " + c.score(MACHINE_LIKE) + " vs " + c.score(HUMAN_LIKE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenCriteria")
    void rejectsStatisticsWithoutPositions(TokenCriterion c) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> c.score(TestStats.empty()));
        assertTrue(e.getMessage().contains(c.name()), e.getMessage());
    }

    /** The token-statistics criteria (the others need perturbations or regenerations). */
    static Stream<TokenCriterion> tokenCriteria() {
        return Stream.of(new LogLikelihood(), new Rank(), new LogRank(), new Entropy(), new LogLikelihoodLogRankRatio(),
            new GltrBuckets(), new FastDetectGpt(), new Binoculars());
    }

    @org.junit.jupiter.params.provider.CsvSource({"1,0", "10,0", "11,1", "100,1", "101,2",
        "1000,2", "1001,3", "2147483647,3"})
    void gltrBucketEdges(int rank, int bucket) {
        assertEquals(bucket, GltrBuckets.bucketOf(rank));
    }

    /** The pair's ratio needs the second model: without it a clear error, not a score of 0. */
    @Test
    void likelihoodRatioNeedsTheSamplingModel() {
        LikelihoodRatio c = new LikelihoodRatio();
        assertTrue(c.usesSamplingModel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.score(TWO));
        assertTrue(e.getMessage().contains("sampling model"), e.getMessage());
        // machine-side model likes the text more than the human-side one: higher score
        assertTrue(c.score(TestStats.withSampling(LP, new double[] {-1.5, -3.5}))
            > c.score(TestStats.withSampling(LP, new double[] {-0.5, -2.5})));
    }

    @Test
    void samplingModelFlags() {
        for (TokenCriterion c : tokenCriteria().toList()) {
            boolean expected = c.name().equals(FastDetectGpt.NAME) || c.name().equals(Binoculars.NAME);
            assertEquals(expected, c.usesSamplingModel(), c.name());
        }
    }
}
