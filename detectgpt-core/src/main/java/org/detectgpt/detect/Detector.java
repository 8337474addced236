package org.detectgpt.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.model.CausalLm;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.text.InvalidTextException;
import org.detectgpt.tokenize.ScorableText;
import org.detectgpt.util.Args;

/**
 * Scores texts with a criterion under a scoring model (and optionally a sampling model with the
 * same tokenizer). Immutable and thread-safe: build one and share it.
 *
 * <pre>{@code
 * CausalLm gpt2 = ModelLoader.load(Path.of("models/gpt2"));
 * Detector detector = Detector.builder()
 *     .setModel(gpt2)
 *     .setCriterion(Criteria.forName("fast-detectgpt"))
 *     .build();
 * DetectionResult r = detector.detect("Some essay ...");
 * System.out.println(r.score() + " by " + r.criterion() + " under " + r.model());
 * }</pre>
 */
public final class Detector {
    private final CausalLm model;
    private final CausalLm samplingModel;
    private final Criterion criterion;

    private Detector(Builder b) {
        this.model = b.model;
        this.samplingModel = b.samplingModel;
        this.criterion = b.criterion;
    }

    /** @return a builder: {@code set*} options are required, {@code opt*} optional */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the scoring model */
    public CausalLm model() {
        return model;
    }

    /** @return the sampling model, if any */
    public Optional<CausalLm> samplingModel() {
        return Optional.ofNullable(samplingModel);
    }

    /** @return the criterion */
    public Criterion criterion() {
        return criterion;
    }

    /**
     * Scores one text as it is (no whitespace normalisation).
     *
     * @param text the text
     * @return the result
     * @throws InvalidTextException if the text is empty, holds only whitespace or control
     *     characters, or gives fewer than two tokens
     */
    public DetectionResult detect(String text) throws InvalidTextException {
        int[] ids = encode(text);
        TokenStatistics stats = TokenScorer.score(model, criterion.usesSamplingModel() ? samplingModel : null, ids);
        List<String> tokens = new ArrayList<>(stats.size());
        for (int i = 0; i < stats.size(); i++) {
            tokens.add(model.tokenizer().decode(new int[] {stats.targetId(i)}));
        }
        return new DetectionResult(criterion.score(stats), criterion.name(), model.info(),
            criterion.usesSamplingModel() && samplingModel != null
                ? Optional.of(samplingModel.info()) : Optional.empty(),
            stats, tokens, OptionalLong.empty());
    }

    /**
     * Checks and tokenizes a text.
     *
     * @param text the text
     * @return its ids under the scoring model's tokenizer
     * @throws InvalidTextException if it cannot be scored
     */
    public int[] encode(String text) throws InvalidTextException {
        return ScorableText.encode(model.tokenizer(), text);
    }

    /** Builder of {@link Detector}; {@code set*} options are required, {@code opt*} optional. */
    public static final class Builder {
        private CausalLm model;
        private CausalLm samplingModel;
        private Criterion criterion;

        private Builder() {}

        /** @param model the scoring model (required) */
        public Builder setModel(CausalLm model) {
            this.model = Args.notNull(model, "model");
            return this;
        }

        /** @param criterion the criterion (required) */
        public Builder setCriterion(Criterion criterion) {
            this.criterion = Args.notNull(criterion, "criterion");
            return this;
        }

        /**
         * @param sampling a sampling (reference / observer) model with the scoring model's
         *     tokenizer, used by criteria that take one (Fast-DetectGPT, Binoculars)
         */
        public Builder optSamplingModel(CausalLm sampling) {
            this.samplingModel = sampling;
            return this;
        }

        /**
         * @return the detector
         * @throws IllegalArgumentException if a required option is missing or the two models'
         *     tokenizers disagree
         */
        public Detector build() {
            Args.check(model != null, "a Detector needs a model");
            Args.check(criterion != null, "a Detector needs a criterion");
            if (samplingModel != null) {
                String probe = "The quick brown fox jumps over the lazy dog. 1234, naïve café — 中文.";
                Args.check(Arrays.equals(model.tokenizer().encode(probe), samplingModel.tokenizer().encode(probe)),
                    "the sampling model %s does not share the tokenizer of %s",
                    samplingModel.info().name(), model.info().name());
            }
            return new Detector(this);
        }
    }
}
