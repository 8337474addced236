package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/**
 * GLTR rank buckets: the fractions of observed tokens whose 1-based rank under the scoring model
 * falls in [1, 10], [11, 100], [101, 1000] and [1001, ∞):
 * <pre>f_b = #{i : r_i ∈ bucket b} / n,   score = f_0 (the top-10 fraction)</pre>
 *
 * <p>Orientation: used as is — sampled text draws most tokens from the model's top 10 (GLTR's
 * "green" tokens), so a higher top-10 fraction means more likely machine-written. The score lies
 * in [0, 1].
 *
 * <p>Edge cases: at least one position is required ({@link IllegalArgumentException} otherwise).
 * The four fractions sum to 1 (up to rounding).
 *
 * <p>Reference: Gehrmann, Strobelt, Rush 2019, <i>GLTR: Statistical Detection and Visualization
 * of Generated Text</i> (ACL demo), with its bucket edges 10 / 100 / 1000.
 */
public final class GltrBuckets extends NamedCriterion {
    /** Command-line name. */
    public static final String NAME = "gltr";

    /** Creates the criterion. */
    public GltrBuckets() {
        super(NAME);
    }

    /** Number of buckets. */
    public static final int BUCKETS = 4;

    /** Inclusive upper rank of each bucket but the last: 10, 100, 1000. */
    private static final int[] UPPER = {10, 100, 1000};

    /**
     * @param stats statistics of one text with at least one position
     * @return a new array of the 4 fractions of tokens with rank ≤ 10, 11–100, 101–1000, &gt; 1000
     */
    public double[] fractions(TokenStatistics stats) {
        int n = Sums.positions(stats, NAME);
        int[] counts = new int[BUCKETS];
        for (int r : stats.rank()) {
            counts[bucketOf(r)]++;
        }
        double[] fractions = new double[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            fractions[b] = (double) counts[b] / n;
        }
        return fractions;
    }

    /**
     * @param rank 1-based rank
     * @return its bucket, 0 (≤ 10) to 3 (&gt; 1000)
     */
    public static int bucketOf(int rank) {
        for (int b = 0; b < UPPER.length; b++) {
            if (rank <= UPPER[b]) {
                return b;
            }
        }
        return UPPER.length;
    }

    @Override
    public double score(TokenStatistics stats) {
        return fractions(stats)[0];
    }

}
