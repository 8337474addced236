package org.detectgpt.stats;

import java.util.Arrays;
import java.util.Optional;
import org.detectgpt.util.Args;

/**
 * Per-position statistics of a text under a scoring model p (and optionally a sampling model q
 * with the same tokenizer): everything the zero-shot criteria need, so no criterion ever touches
 * a logits array.
 *
 * <p>Position {@code i} describes the prediction of token {@code ids[i + 1]} from
 * {@code ids[0..i]}; there are {@code ids.length - 1} positions. With p the scoring model's
 * next-token distribution at that position and y the observed token:
 * <ul>
 *   <li>{@code logprob[i]} = log p(y)</li>
 *   <li>{@code rank[i]} = 1 + #{v : p(v) > p(y)} (1-based; ties do not push the rank down)</li>
 *   <li>{@code entropy[i]} = −Σ_v p(v) log p(v), in nats</li>
 *   <li>{@code expectedLogprob[i]} = μ = Σ_v p(v) log p(v) (Fast-DetectGPT's mean, = −entropy)</li>
 *   <li>{@code varianceLogprob[i]} = σ² = Σ_v p(v) (log p(v))² − μ²</li>
 *   <li>{@code crossExpectedLogprob[i]} = Σ_v q(v) log p(v), with q the sampling model (present
 *       only when statistics were computed with one)</li>
 *   <li>{@code crossVarianceLogprob[i]} = Σ_v q(v) (log p(v))² − (Σ_v q(v) log p(v))²</li>
 *   <li>{@code samplingLogprob[i]} = log q(y), the observed token under the sampling model (for
 *       a likelihood ratio of two models)</li>
 * </ul>
 * Instances are immutable; accessors return copies.
 */
public final class TokenStatistics {
    private final int[] ids;
    private final double[] logprob;
    private final int[] rank;
    private final double[] entropy;
    private final double[] expectedLogprob;
    private final double[] varianceLogprob;
    private final double[] crossExpected;
    private final double[] crossVariance;
    private final double[] samplingLogprob;

    /**
     * @param ids the scored sequence (length n + 1)
     * @param logprob log p of each observed next token (length n)
     * @param rank 1-based rank of each observed next token
     * @param entropy entropy of each next-token distribution, nats
     * @param expectedLogprob μ under p
     * @param varianceLogprob σ² under p
     * @param crossExpected Σ q log p, or null without a sampling model
     * @param crossVariance Σ q (log p)² − (Σ q log p)², or null without a sampling model
     * @param samplingLogprob log q(y) of each observed next token, or null without a sampling
     *     model
     */
    public TokenStatistics(int[] ids, double[] logprob, int[] rank, double[] entropy,
            double[] expectedLogprob, double[] varianceLogprob,
            double[] crossExpected, double[] crossVariance, double[] samplingLogprob) {
        int n = logprob.length;
        Args.check(ids.length == n + 1, "%d ids for %d positions", ids.length, n);
        Args.check(rank.length == n && entropy.length == n && expectedLogprob.length == n
                && varianceLogprob.length == n, "per-position arrays differ in length");
        Args.check((crossExpected == null) == (crossVariance == null)
                && (crossExpected == null) == (samplingLogprob == null),
            "cross statistics must be given together");
        Args.check(crossExpected == null || crossExpected.length == n && crossVariance.length == n
                && samplingLogprob.length == n, "cross statistics differ in length");
        this.ids = ids.clone();
        this.logprob = logprob.clone();
        this.rank = rank.clone();
        this.entropy = entropy.clone();
        this.expectedLogprob = expectedLogprob.clone();
        this.varianceLogprob = varianceLogprob.clone();
        this.crossExpected = crossExpected == null ? null : crossExpected.clone();
        this.crossVariance = crossVariance == null ? null : crossVariance.clone();
        this.samplingLogprob = samplingLogprob == null ? null : samplingLogprob.clone();
    }

    /** @return number of scored positions, {@code ids().length - 1} */
    public int size() {
        return logprob.length;
    }

    /** @return the scored token ids */
    public int[] ids() {
        return ids.clone();
    }

    /** @return the observed token at position i, {@code ids[i + 1]} */
    public int targetId(int i) {
        return ids[i + 1];
    }

    /** @return log p(y) at each position */
    public double[] logprob() {
        return logprob.clone();
    }

    /** @return 1-based rank of the observed token at each position */
    public int[] rank() {
        return rank.clone();
    }

    /** @return entropy (nats) at each position */
    public double[] entropy() {
        return entropy.clone();
    }

    /** @return μ = Σ p log p at each position */
    public double[] expectedLogprob() {
        return expectedLogprob.clone();
    }

    /** @return σ² of log p under p at each position */
    public double[] varianceLogprob() {
        return varianceLogprob.clone();
    }

    /** @return whether the cross statistics of a sampling model are present */
    public boolean hasCross() {
        return crossExpected != null;
    }

    /** @return Σ q log p at each position, if computed with a sampling model */
    public Optional<double[]> crossExpectedLogprob() {
        return Optional.ofNullable(crossExpected).map(double[]::clone);
    }

    /** @return Σ q (log p)² − (Σ q log p)² at each position, if computed with a sampling model */
    public Optional<double[]> crossVarianceLogprob() {
        return Optional.ofNullable(crossVariance).map(double[]::clone);
    }

    /** @return log q(y) at each position, if computed with a sampling model */
    public Optional<double[]> samplingLogprob() {
        return Optional.ofNullable(samplingLogprob).map(double[]::clone);
    }

    /**
     * The statistics of positions {@code [from, to)} alone, e.g. one sentence of a text.
     *
     * @param from first position, inclusive
     * @param to last position, exclusive
     * @return a view with {@code to - from} positions
     */
    public TokenStatistics slice(int from, int to) {
        Args.check(0 <= from && from <= to && to <= size(), "slice [%d, %d) of %d positions",
            from, to, size());
        return new TokenStatistics(Arrays.copyOfRange(ids, from, to + 1),
            Arrays.copyOfRange(logprob, from, to), Arrays.copyOfRange(rank, from, to),
            Arrays.copyOfRange(entropy, from, to), Arrays.copyOfRange(expectedLogprob, from, to),
            Arrays.copyOfRange(varianceLogprob, from, to),
            crossExpected == null ? null : Arrays.copyOfRange(crossExpected, from, to),
            crossVariance == null ? null : Arrays.copyOfRange(crossVariance, from, to),
            samplingLogprob == null ? null : Arrays.copyOfRange(samplingLogprob, from, to));
    }
}
