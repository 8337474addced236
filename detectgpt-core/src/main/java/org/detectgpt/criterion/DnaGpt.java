package org.detectgpt.criterion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.Sampler;
import org.detectgpt.perturb.Seeds;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.util.Args;

/**
 * The regeneration kind of {@link Criterion}. DNA-GPT, white-box: truncate the text, let the
 * scoring model write the rest K times, and ask
 * whether the model likes the real tail as much as its own. With the token sequence split at
 * {@code c = round(ratio · length)} (clamped so both parts are non-empty) into a prefix P and the
 * original tail S, and Ω_1 … Ω_K tails sampled from the model after P (temperature 1, as many
 * tokens as S, stopping early at an end-of-sequence token):
 * <pre>score = ℓ(S | P) − (1/K) Σ_k ℓ(Ω_k | P),   ℓ(T | P) = (1/|T|) Σ_{t ∈ T} log p(t | P, T_&lt;t)</pre>
 * This is the paper's white-box score (its §3.2 calls it WScore; BScore is the black-box n-gram
 * overlap): {@code (1/K) Σ_k log p(S|P)/p(Ω_k|P)}, with per-token means instead of sums so that
 * a tail that stopped early compares fairly (as the Fast-DetectGPT authors' reimplementation).
 *
 * <p>Orientation: used as is — a machine text's tail is as likely as the model's own
 * regenerations (score near 0 or above), a human tail less likely (score below 0). Higher means
 * more likely machine-written.
 *
 * <p>Seeded: regeneration k draws from {@code SplittableRandom(Seeds.mix(Seeds.forText(seed, text), k))}.
 * Cost: the K regenerations are decoded in lockstep through the model's key/value cache (|S| steps,
 * each one set of products for all K; past the model's context each step re-reads a window), then
 * scored as one batch.
 *
 * <p>Reference: Yang, Cheng, Gu, Wang, Chen, Yang 2024, <i>DNA-GPT: Divergent N-Gram Analysis for
 * Training-Free Detection of GPT-Generated Text</i> (ICLR). Defaults: truncation ratio 0.5, K = 10.
 */
public final class DnaGpt implements Criterion {
    /** Command-line name. */
    public static final String NAME = "dna-gpt";

    private final double truncateRatio;
    private final int regenerations;
    private final Sampler sampler;

    private DnaGpt(double truncateRatio, int regenerations, Sampler sampler) {
        Args.check(truncateRatio > 0 && truncateRatio < 1, "truncation ratio must be in (0, 1): %s", truncateRatio);
        this.truncateRatio = truncateRatio;
        this.regenerations = Args.positive(regenerations, "regenerations");
        this.sampler = Args.notNull(sampler, "sampler");
    }

    /** @return ratio 0.5, 10 regenerations, temperature 1 */
    public static DnaGpt defaults() {
        return new DnaGpt(0.5, 10, Sampler.defaults());
    }

    /** @return a copy keeping the first {@code ratio} of the tokens as the prefix */
    public DnaGpt withTruncateRatio(double ratio) {
        return new DnaGpt(ratio, regenerations, sampler);
    }

    /** @return a copy regenerating the tail {@code k} times */
    public DnaGpt withRegenerations(int k) {
        return new DnaGpt(truncateRatio, k, sampler);
    }

    /** @return a copy sampling tails with {@code s} */
    public DnaGpt withSampler(Sampler s) {
        return new DnaGpt(truncateRatio, regenerations, s);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return K */
    public int regenerations() {
        return regenerations;
    }

    /**
     * The score and its parts.
     *
     * @param score ℓ(S|P) − mean ℓ(Ω_k|P)
     * @param originalTail ℓ(S|P)
     * @param regeneratedTails ℓ(Ω_k|P) for each k
     * @param prefixTokens |P|
     */
    public record Result(double score, double originalTail, double[] regeneratedTails, int prefixTokens) {
        /** Copies the array. */
        public Result {
            regeneratedTails = regeneratedTails.clone();
        }

        /** @return a copy of ℓ(Ω_k|P) */
        @Override
        public double[] regeneratedTails() {
            return regeneratedTails.clone();
        }
    }

    /**
     * @param model the scoring model, which also writes the regenerations
     * @param text the text (it seeds the draws)
     * @param stats the text's statistics under the model (its ids are the sequence split)
     * @param seed the run's seed
     * @return the score
     */
    public Result score(CausalLm model, String text, TokenStatistics stats, long seed) {
        int[] ids = stats.ids();
        int c = Math.max(1, Math.min(ids.length - 1, (int) Math.round(truncateRatio * ids.length)));
        int[] prefix = Arrays.copyOf(ids, c);
        double original = mean(stats.logprob(), c - 1, ids.length - 1);
        long textSeed = Seeds.forText(seed, text);
        int eos = model.tokenizer().eosId().orElse(-1);
        int bos = model.tokenizer().bosId().orElse(-1);
        List<SplittableRandom> rngs = new ArrayList<>(regenerations);
        for (int k = 0; k < regenerations; k++) {
            rngs.add(new SplittableRandom(Seeds.mix(textSeed, k)));
        }
        // the K tails are independent draws: decode them in lockstep, score them as one batch
        List<int[]> tails = sampler.generateAll(model, prefix, ids.length - c, t -> t == eos || t == bos, rngs);
        List<int[]> seqs = new ArrayList<>(regenerations);
        for (int[] tail : tails) {
            int[] seq = Arrays.copyOf(prefix, c + tail.length);
            System.arraycopy(tail, 0, seq, c, tail.length);
            seqs.add(seq);
        }
        List<TokenStatistics> scored = TokenScorer.scoreAll(model, null, seqs);
        double[] regen = new double[regenerations];
        for (int k = 0; k < regenerations; k++) {
            regen[k] = mean(scored.get(k).logprob(), c - 1, seqs.get(k).length - 1);
        }
        return new Result(original - Sums.sum(regen) / regenerations, original, regen, c);
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
