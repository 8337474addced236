package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.util.Args;

/** Plain summation helpers shared by the criteria (left-to-right, so hand-computed tests match). */
final class Sums {
    private Sums() {}

    /** @throws IllegalArgumentException when the statistics have no position */
    static int positions(TokenStatistics stats, String criterion) {
        Args.notNull(stats, "stats");
        Args.check(stats.size() > 0, "%s needs at least one scored position", criterion);
        return stats.size();
    }

    static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    static double sumLog(int[] ranks) {
        double s = 0;
        for (int r : ranks) {
            s += Math.log(r);
        }
        return s;
    }
}
