package org.detectgpt.criterion;

import org.detectgpt.stats.TokenStatistics;

/** Hand-made {@link TokenStatistics} for criterion tests. */
final class TestStats {
    private TestStats() {}

    /** Statistics without a sampling model. */
    static TokenStatistics of(double[] logprob, int[] rank, double[] entropy, double[] mu,
            double[] var) {
        return new TokenStatistics(ids(logprob.length), logprob, rank, entropy, mu, var, null, null, null);
    }

    /** Statistics with a sampling model's cross statistics. */
    static TokenStatistics withCross(double[] logprob, int[] rank, double[] entropy, double[] mu,
            double[] var, double[] crossMu, double[] crossVar) {
        return new TokenStatistics(ids(logprob.length), logprob, rank, entropy, mu, var, crossMu,
            crossVar, logprob.clone());
    }

    /** Statistics with a sampling model whose log-probabilities of the observed tokens are given. */
    static TokenStatistics withSampling(double[] logprob, double[] samplingLogprob) {
        int n = logprob.length;
        return new TokenStatistics(ids(n), logprob, new int[n], new double[n], new double[n],
            new double[n], new double[n], new double[n], samplingLogprob);
    }

    /** Statistics where only the ranks matter. */
    static TokenStatistics ranks(int... rank) {
        double[] zeros = new double[rank.length];
        return of(zeros, rank, zeros, zeros, zeros);
    }

    /** Statistics with no position at all. */
    static TokenStatistics empty() {
        double[] none = {};
        return of(none, new int[0], none, none, none);
    }

    private static int[] ids(int n) {
        int[] ids = new int[n + 1];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return ids;
    }
}
