package org.detectgpt.model;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;
import org.detectgpt.util.Args;

/**
 * Draws tokens from logits with a temperature and nucleus (top-p) truncation, from a caller's
 * seeded random generator, so that the same seed gives the same tokens.
 *
 * <p>With logits l and temperature τ &gt; 0, {@code p(v) ∝ exp((l_v − max l) / τ)}. With
 * {@code topP < 1} only the most probable tokens are kept, the fewest whose probabilities sum to
 * at least topP (Holtzman et al. 2020, <i>The Curious Case of Neural Text Degeneration</i>; the
 * token that crosses the threshold is kept, as in transformers' {@code TopPLogitsWarper}), and p
 * is renormalised over them. A draw takes one {@code nextDouble()} u and returns the first token
 * (in decreasing probability under top-p, else in id order) whose cumulative mass exceeds
 * {@code u · Σp}. τ = 0 is greedy decoding: the largest logit, the lowest id on ties, no draw.
 *
 * <p>{@link #generate} decodes from a {@link CausalLm} by recomputing the whole sequence at every
 * step (the causal engine has no key/value cache): cost grows with the square of the length, fine
 * for the short texts DNA-GPT and the built-in mask filler regenerate. Immutable.
 */
public final class Sampler {
    private final double temperature;
    private final double topP;

    private Sampler(double temperature, double topP) {
        this.temperature = temperature;
        this.topP = topP;
    }

    /** @return plain sampling: temperature 1, no top-p truncation */
    public static Sampler defaults() {
        return new Sampler(1.0, 1.0);
    }

    /** @return greedy decoding (temperature 0) */
    public static Sampler greedy() {
        return new Sampler(0.0, 1.0);
    }

    /** @return a copy with temperature τ ≥ 0 (0 = greedy) */
    public Sampler withTemperature(double t) {
        Args.check(t >= 0 && Double.isFinite(t), "temperature must be finite and ≥ 0: %s", t);
        return new Sampler(t, topP);
    }

    /** @return a copy keeping the top-p nucleus, p in (0, 1] */
    public Sampler withTopP(double p) {
        Args.check(p > 0 && p <= 1, "top-p must be in (0, 1]: %s", p);
        return new Sampler(temperature, p);
    }

    /** @return the temperature */
    public double temperature() {
        return temperature;
    }

    /** @return the top-p threshold (1 = none) */
    public double topP() {
        return topP;
    }

    /**
     * @param logits a buffer holding the row
     * @param offset where the row starts
     * @param width its length (the vocabulary)
     * @param rng the generator to draw from (unused when greedy)
     * @return the sampled id, in {@code [0, width)}
     */
    public int sample(float[] logits, int offset, int width, RandomGenerator rng) {
        int best = 0;
        for (int v = 1; v < width; v++) {
            if (logits[offset + v] > logits[offset + best]) {
                best = v;
            }
        }
        if (temperature == 0) {
            return best;
        }
        double max = logits[offset + best];
        double[] p = new double[width];
        double total = 0;
        for (int v = 0; v < width; v++) {
            p[v] = Math.exp((logits[offset + v] - max) / temperature);
            total += p[v];
        }
        return topP < 1 ? sampleNucleus(p, total, rng) : drawInOrder(p, null, width, total, rng);
    }

    private int sampleNucleus(double[] p, double total, RandomGenerator rng) {
        int width = p.length;
        // sort ids by decreasing probability, lower id first on ties: a non-negative float's bits
        // order like its value, so key = (float bits, complemented id) sorts ascending
        long[] keys = new long[width];
        for (int v = 0; v < width; v++) {
            keys[v] = ((long) Float.floatToIntBits((float) p[v]) << 32) | (~v & 0xFFFFFFFFL);
        }
        Arrays.sort(keys);
        int[] order = new int[width];
        double kept = 0;
        int n = 0;
        for (int i = width - 1; i >= 0 && kept < topP * total; i--) {
            int v = ~(int) keys[i];
            order[n++] = v;
            kept += p[v];
        }
        return drawInOrder(p, order, n, kept, rng);
    }

    /** The first of {@code order[0..n)} (or ids 0..n) whose cumulative mass exceeds u · total. */
    private static int drawInOrder(double[] p, int[] order, int n, double total, RandomGenerator rng) {
        double u = rng.nextDouble() * total;
        double acc = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            int v = order == null ? i : order[i];
            if (p[v] > 0) {
                acc += p[v];
                last = v;
                if (u < acc) {
                    return v;
                }
            }
        }
        return last; // rounding left u at the very top: the last token with mass
    }

    /**
     * Continues a prompt from a causal model, recomputing the sequence at each step; when it
     * outgrows the context, only the last {@code contextLength()} ids are fed.
     *
     * @param lm the model
     * @param prompt at least one id (e.g. BOS)
     * @param maxNewTokens most ids to add
     * @param stop ends the continuation when it accepts a sampled id (which is kept)
     * @param rng the generator
     * @return the new ids only (not the prompt)
     */
    public int[] generate(CausalLm lm, int[] prompt, int maxNewTokens, IntPredicate stop, RandomGenerator rng) {
        Args.check(prompt.length > 0, "generation needs a prompt");
        Args.nonNegative(maxNewTokens, "maxNewTokens");
        int[] seq = Arrays.copyOf(prompt, prompt.length + maxNewTokens);
        int len = prompt.length;
        int v = lm.vocabSize();
        float[] row = new float[v];
        while (len < seq.length) {
            int from = Math.max(0, len - lm.contextLength());
            HiddenStates h = lm.forward(Arrays.copyOfRange(seq, from, len));
            lm.logits(h, h.rows() - 1, h.rows(), row);
            int t = sample(row, 0, v, rng);
            seq[len++] = t;
            if (stop.test(t)) {
                break;
            }
        }
        return Arrays.copyOfRange(seq, prompt.length, len);
    }

    @Override
    public String toString() {
        return "temperature " + temperature + (topP < 1 ? ", top-p " + topP : "");
    }
}
