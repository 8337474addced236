package org.detectgpt.perturb;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.detectgpt.model.Sampler;
import org.detectgpt.model.arch.T5Model;
import org.detectgpt.util.Args;

/**
 * Fills masks with a T5 model, as DetectGPT does ({@code replace_masks} in the reference
 * implementation, which uses t5-large or t5-3b): the masked text is encoded (with T5's trailing
 * {@code </s>}), a target is sampled (temperature 1, top-p {@code mask_top_p}, default 1.0) until
 * the sentinel after the last expected fill, {@code </s>}, or {@value #DEFAULT_MAX_LENGTH} tokens
 * — the reference's {@code max_length} — and decoded with its special tokens, then
 * {@link Fills#extract} reads the fills. Texts are decoded {@value #DEFAULT_BATCH} at a time in
 * one key/value-cached batch: measured on t5-small's shape (a 500-word essay, 2 cores), batches
 * of 2 / 4 / 8 / 16 fill 2.1 / 2.7 / 3.4 / 3.5 times as fast per text as one at a time, so 16 is
 * at the plateau ({@code benchmarks/t5-batch/run.sh}).
 *
 * <p>Immutable; the model is shared, so one filler serves many threads.
 */
public final class T5Filler implements MaskFiller {
    static final int DEFAULT_MAX_LENGTH = 150;
    static final int DEFAULT_BATCH = 16;

    private final T5Model t5;
    private final Sampler sampler;
    private final int maxLength;
    private final int batch;
    private final int sentinels;

    private T5Filler(T5Model t5, Sampler sampler, int maxLength, int batch) {
        this.t5 = Args.notNull(t5, "t5");
        this.sampler = sampler;
        this.maxLength = Args.positive(maxLength, "maxLength");
        this.batch = Args.positive(batch, "batch");
        int n = 0;
        while (t5.tokenizer().tokenToId(Masking.sentinel(n)).isPresent()) {
            n++;
        }
        Args.check(n > 0, "%s has no <extra_id_0> sentinel: not a T5 mask-filling vocabulary", t5.info().name());
        this.sentinels = n;
    }

    /** @return a filler sampling at temperature 1 without top-p truncation */
    public static T5Filler of(T5Model t5) {
        return new T5Filler(t5, Sampler.defaults(), DEFAULT_MAX_LENGTH, DEFAULT_BATCH);
    }

    /** @return a copy sampling with nucleus {@code p} (the reference's {@code --mask_top_p}) */
    public T5Filler withTopP(double p) {
        return new T5Filler(t5, sampler.withTopP(p), maxLength, batch);
    }

    /** @return a copy decoding {@code n} texts per batch */
    public T5Filler withBatch(int n) {
        return new T5Filler(t5, sampler, maxLength, n);
    }

    /** @return a copy stopping targets after {@code n} tokens */
    public T5Filler withMaxLength(int n) {
        return new T5Filler(t5, sampler, n, batch);
    }

    @Override
    public String name() {
        return "t5(" + t5.info().name() + ", " + sampler + ")";
    }

    /** @return the sentinels in the vocabulary; more than one fewer can be asked for */
    @Override
    public int maxMasks() {
        // the last one is needed to mark the end of the last fill
        return Math.max(1, sentinels - 1);
    }

    @Override
    public List<List<String>> fill(List<MaskedText> masked, List<? extends RandomGenerator> rngs) {
        Args.check(masked.size() == rngs.size(), "%d texts, %d generators", masked.size(), rngs.size());
        List<String> raw = new ArrayList<>(masked.size());
        for (int from = 0; from < masked.size(); from += batch) {
            int to = Math.min(masked.size(), from + batch);
            raw.addAll(sample(masked.subList(from, to), rngs.subList(from, to)));
        }
        List<List<String>> out = new ArrayList<>(raw.size());
        for (String r : raw) {
            out.add(Fills.extract(r));
        }
        return out;
    }

    /** @return the decoded targets of one batch, special tokens kept */
    List<String> sample(List<MaskedText> masked, List<? extends RandomGenerator> rngs) {
        List<T5Model.Encoded> sources = new ArrayList<>(masked.size());
        int[] stops = new int[masked.size()];
        for (int i = 0; i < stops.length; i++) {
            MaskedText m = masked.get(i);
            sources.add(t5.encode(t5.tokenizer().encodeIds(m.masked())));
            OptionalInt stop = t5.tokenizer().tokenToId(Masking.sentinel(m.masks()));
            stops[i] = stop.orElse(-1);
        }
        // max_length counts the decoder start token, as in transformers' generate
        List<int[]> targets = t5.sample(sources, sampler, stops, maxLength - 1, rngs);
        List<String> out = new ArrayList<>(targets.size());
        for (int[] t : targets) {
            out.add(t5.tokenizer().decode(t));
        }
        return out;
    }
}
