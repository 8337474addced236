package org.detectgpt.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>{@link #generate} decodes from a {@link CausalLm} through its key/value cache, and
 * {@link #generateAll} several continuations of one prompt in lockstep. Immutable.
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
     * Continues a prompt from a causal model. Within the context each step reads only the new
     * token through the model's key/value cache ({@link CausalLm#startDecoding()}); once the
     * sequence outgrows the context, each step runs the last {@code contextLength()} ids afresh
     * (positions shift, so cached keys no longer apply). The same tokens as running the whole
     * sequence at every step, which is what the engine did before it had a cache.
     *
     * @param lm the model
     * @param prompt at least one id (e.g. BOS)
     * @param maxNewTokens most ids to add
     * @param stop ends the continuation when it accepts a sampled id (which is kept)
     * @param rng the generator
     * @return the new ids only (not the prompt)
     */
    public int[] generate(CausalLm lm, int[] prompt, int maxNewTokens, IntPredicate stop, RandomGenerator rng) {
        return generateAll(lm, prompt, maxNewTokens, stop, java.util.Collections.singletonList(rng)).get(0); // rng may be null (greedy)
    }

    /**
     * Several continuations of one prompt, one per generator, decoded in lockstep: each step
     * advances all unfinished ones with one set of matrix products ({@link CausalLm#appendAll})
     * and one output-head product. Continuation i equals {@code generate(lm, prompt, maxNewTokens,
     * stop, rngs.get(i))}.
     *
     * @param rngs one generator per continuation
     * @return the new ids of each continuation, in order
     */
    public List<int[]> generateAll(CausalLm lm, int[] prompt, int maxNewTokens, IntPredicate stop,
            List<? extends RandomGenerator> rngs) {
        Args.check(prompt.length > 0, "generation needs a prompt");
        Args.nonNegative(maxNewTokens, "maxNewTokens");
        int n = rngs.size();
        int ctx = lm.contextLength();
        int v = lm.vocabSize();
        int[][] seq = new int[n][];
        int[] len = new int[n];
        boolean[] done = new boolean[n];
        Decoding[] state = new Decoding[n];
        float[] last = null; // final hidden row of the prompt, shared by all continuations
        if (prompt.length <= ctx && maxNewTokens > 0 && n > 0) {
            Decoding first = lm.startDecoding();
            HiddenStates h = first.append(prompt);
            last = Arrays.copyOfRange(h.data(), (h.rows() - 1) * h.width(), h.rows() * h.width());
            for (int i = 0; i < n; i++) {
                state[i] = i == 0 ? first : first.copy();
            }
        }
        for (int i = 0; i < n; i++) {
            seq[i] = Arrays.copyOf(prompt, prompt.length + maxNewTokens);
            len[i] = prompt.length;
            done[i] = maxNewTokens == 0;
            if (state[i] == null) {
                state[i] = lm.startDecoding();
            }
        }
        int[] active = activeLanes(done);
        // the first step's rows are the prompt's, read once above
        float[] rows = last == null ? null : tile(last, active.length);
        while (active.length > 0) {
            if (rows == null) {
                rows = step(lm, active, seq, len, state);
            }
            float[] logits = new float[active.length * v];
            lm.logits(new HiddenStates(rows, active.length, rows.length / active.length), 0, active.length, logits);
            for (int a = 0; a < active.length; a++) {
                int i = active[a];
                int t = sample(logits, a * v, v, rngs.get(i));
                seq[i][len[i]++] = t;
                done[i] = stop.test(t) || len[i] == seq[i].length;
            }
            rows = null;
            active = activeLanes(done);
        }
        List<int[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Arrays.copyOfRange(seq[i], prompt.length, len[i]));
        }
        return out;
    }

    /** Feeds each active continuation its newest id (or, past the context, its last window). */
    private static float[] step(CausalLm lm, int[] active, int[][] seq, int[] len, Decoding[] state) {
        int ctx = lm.contextLength();
        List<Decoding> states = new ArrayList<>(active.length);
        List<int[]> ids = new ArrayList<>(active.length);
        for (int i : active) {
            Decoding d = state[i];
            if (len[i] <= ctx && d.length() > 0) {
                ids.add(Arrays.copyOfRange(seq[i], d.length(), len[i]));
            } else {
                d.truncate(0);
                ids.add(Arrays.copyOfRange(seq[i], Math.max(0, len[i] - ctx), len[i]));
            }
            states.add(d);
        }
        List<HiddenStates> hs = lm.appendAll(states, ids);
        int w = hs.get(0).width();
        float[] rows = new float[active.length * w];
        for (int a = 0; a < active.length; a++) {
            HiddenStates h = hs.get(a);
            System.arraycopy(h.data(), (h.rows() - 1) * w, rows, a * w, w);
        }
        return rows;
    }

    private static float[] tile(float[] row, int n) {
        float[] out = new float[row.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(row, 0, out, i * row.length, row.length);
        }
        return out;
    }

    private static int[] activeLanes(boolean[] done) {
        int c = 0;
        for (boolean d : done) {
            c += d ? 0 : 1;
        }
        int[] a = new int[c];
        c = 0;
        for (int i = 0; i < done.length; i++) {
            if (!done[i]) {
                a[c++] = i;
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return "temperature " + temperature + (topP < 1 ? ", top-p " + topP : "");
    }
}
