package org.detectgpt.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.criterion.DetectGpt;
import org.detectgpt.criterion.DnaGpt;
import org.detectgpt.criterion.LearnedCriterion;
import org.detectgpt.criterion.PerturbationCriterion;
import org.detectgpt.criterion.TokenCriterion;
import org.detectgpt.ensemble.Ensemble;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.perturb.CausalFiller;
import org.detectgpt.perturb.MaskFiller;
import org.detectgpt.perturb.PerturbationCache;
import org.detectgpt.perturb.PerturbationConfig;
import org.detectgpt.perturb.Perturbations;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.text.InvalidTextException;
import org.detectgpt.tokenize.EncodedText;
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
 *
 * <p>The criterion's kind decides the work: a {@link TokenCriterion} reduces the text's token
 * statistics; a {@link LearnedCriterion} reads the text (and its statistics if it needs them);
 * a {@link PerturbationCriterion} ({@code detectgpt}, {@code npr})
 * also scores perturbations of the text, made by the mask filler (a T5 model, or by default the
 * built-in {@link CausalFiller} over the scoring model) with the {@link PerturbationConfig} and
 * seed; {@link DnaGpt} regenerates the text's tail with the scoring model. Perturbations go
 * through a {@link PerturbationCache}: detectors that share one (and the filler, configuration
 * and seed) perturb and score each text once between them.
 *
 * <pre>{@code
 * PerturbationCache cache = PerturbationCache.create();
 * Detector.Builder b = Detector.builder().setModel(gpt2).optMaskFiller(T5Filler.of(t5))
 *     .optPerturbationConfig(PerturbationConfig.defaults()).optSeed(7).optPerturbationCache(cache);
 * Detector detectGpt = b.setCriterion("detectgpt").build();
 * Detector npr = b.setCriterion("npr").build();      // reuses detectGpt's perturbations
 * }</pre>
 */
public final class Detector {
    private final CausalLm model;
    private final CausalLm samplingModel;
    private final Criterion criterion;
    private final MaskFiller filler;
    private final PerturbationConfig perturbationConfig;
    private final long seed;
    private final PerturbationCache cache;

    private Detector(Builder b) {
        this.model = b.model;
        this.samplingModel = b.samplingModel;
        this.criterion = b.criterion;
        this.filler = b.filler != null ? b.filler : CausalFiller.of(b.model);
        this.perturbationConfig = b.perturbationConfig;
        this.seed = b.seed;
        this.cache = b.cache != null ? b.cache : PerturbationCache.create();
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

    /** @return the criterion's name */
    public String criterionName() {
        return criterion.name();
    }

    /**
     * @return the scoring model's name, and the sampling model's after a {@code +} when the
     *     criterion uses it: the identity a calibration is matched on
     */
    public String modelIdentity() {
        return modelIdentity(model.info(), samplingModelInUse().map(CausalLm::info));
    }

    /** @return the sampling model when the criterion uses it (the one {@link #modelIdentity} names) */
    public Optional<CausalLm> samplingModelInUse() {
        return criterion.usesSamplingModel() ? samplingModel() : Optional.empty();
    }

    /**
     * The one way a model (pair) is named in calibrations, reports and evaluations.
     *
     * @param model the scoring model
     * @param sampling the sampling model, present only when the criterion uses it
     * @return the scoring model's name, and the sampling model's after a {@code +}
     */
    public static String modelIdentity(ModelInfo model, Optional<ModelInfo> sampling) {
        return model.name() + sampling.map(s -> "+" + s.name()).orElse("");
    }

    /** @return the criterion */
    public Criterion criterion() {
        return criterion;
    }

    /** @return the mask filler perturbation criteria use */
    public MaskFiller maskFiller() {
        return filler;
    }

    /** @return how perturbation criteria perturb */
    public PerturbationConfig perturbationConfig() {
        return perturbationConfig;
    }

    /** @return the seed of perturbations and regenerations */
    public long seed() {
        return seed;
    }

    /**
     * Scores one text as it is (no whitespace normalisation).
     *
     * @param text the text
     * @return the result
     * @throws InvalidTextException if the text is empty, holds only whitespace or control
     *     characters, or gives fewer than two tokens; for a perturbation criterion also if no
     *     perturbation of it could be made
     */
    public DetectionResult detect(String text) throws InvalidTextException {
        long t0 = System.nanoTime();
        EncodedText encoded = ScorableText.encode(model.tokenizer(), text);
        int[] ids = encoded.ids();
        if (criterion instanceof LearnedCriterion head && !head.needsStatistics()) {
            // a head that reads the text alone: no forward pass, no per-token statistics
            TokenStatistics none = new TokenStatistics(new int[] {ids[0]}, new double[0], new int[0], new double[0],
                new double[0], new double[0], null, null, null);
            return new DetectionResult(head.score(text, null), criterion.name(), model.info(), Optional.empty(),
                none, List.of(), List.of()).withTiming(new Timing(System.nanoTime() - t0, 0, 0, ids.length, 0));
        }
        boolean cross = criterion.usesSamplingModel();
        TokenStatistics stats = TokenScorer.score(model, cross ? samplingModel : null, ids);
        List<String> tokens = new ArrayList<>(stats.size());
        List<TokenSpan> spans = new ArrayList<>(stats.size());
        for (int i = 0; i < stats.size(); i++) {
            tokens.add(model.tokenizer().piece(stats.targetId(i)));
            spans.add(new TokenSpan(encoded.start(i + 1), encoded.end(i + 1)));
        }
        if (criterion instanceof TokenCriterion || criterion instanceof LearnedCriterion) {
            double score = criterion instanceof TokenCriterion t ? t.score(stats)
                : ((LearnedCriterion) criterion).score(text, stats);
            return new DetectionResult(score, criterion.name(), model.info(),
                cross && samplingModel != null ? Optional.of(samplingModel.info()) : Optional.empty(),
                stats, tokens, spans).withTiming(new Timing(System.nanoTime() - t0, 0, 0, ids.length, 0));
        }
        if (criterion instanceof PerturbationCriterion pc) {
            long t1 = System.nanoTime();
            Perturbations p = cache.perturbations(text, filler, perturbationConfig, seed);
            long t2 = System.nanoTime();
            List<TokenStatistics> perturbed = cache.statistics(p, perturbationConfig, model);
            long perturbedNanos = System.nanoTime() - t2;
            int perturbedTokens = 0;
            for (TokenStatistics s : perturbed) {
                perturbedTokens += s.size() + 1;
            }
            if (perturbed.isEmpty()) {
                throw new InvalidTextException("no perturbation of the text could be made (" + p.failed()
                    + " of " + p.requested() + " failed after " + p.retries() + " retries)");
            }
            Details details = new Details.Perturbation(
                pc instanceof DetectGpt ? Optional.of(DetectGpt.discrepancy(stats, perturbed)) : Optional.empty(),
                perturbed.size(), p.requested(), p.masks(), p.retries(), p.failed());
            return new DetectionResult(pc.score(stats, perturbed), criterion.name(), model.info(), Optional.empty(),
                stats, tokens, spans, OptionalLong.of(seed), Optional.of(filler.name()), details, List.of(),
                new Timing(System.nanoTime() - t0, t2 - t1, perturbedNanos, ids.length, perturbedTokens));
        }
        DnaGpt.Result r = ((DnaGpt) criterion).score(model, text, stats, seed);
        Details details = new Details.Regeneration(r.originalTail(), r.originalTail() - r.score(),
            r.regeneratedTails().length, r.prefixTokens());
        return new DetectionResult(r.score(), criterion.name(), model.info(), Optional.empty(), stats, tokens, spans,
            OptionalLong.of(seed), Optional.empty(), details, List.of(), new Timing(System.nanoTime() - t0, 0, 0, ids.length, 0));
    }

    /**
     * Scores a document's text by sentence as well: the whole {@link SentenceSplit#scoringText()}
     * is scored once, and each sentence gets the criterion's score of its own tokens' statistics
     * (tokens placed by their character spans; perturbation and regeneration criteria have no
     * per-token form, so sentences are then ranked by likelihood; a learned head that reads no
     * statistics scores each sentence's text). The most machine-like sentences are highlighted.
     *
     * @param split the document's sentences
     * @return the result of {@link #detect(String)} on the scoring text, with
     *     {@link DetectionResult#sentences()}
     * @throws InvalidTextException as {@link #detect(String)}
     */
    public DetectionResult detect(SentenceSplit split) throws InvalidTextException {
        DetectionResult r = detect(split.scoringText());
        return r.withSentences(SentenceScorer.score(split, r, criterion));
    }

    /**
     * Checks and tokenizes a text.
     *
     * @param text the text
     * @return its ids under the scoring model's tokenizer
     * @throws InvalidTextException if it cannot be scored
     */
    public int[] encodeIds(String text) throws InvalidTextException {
        return ScorableText.encodeIds(model.tokenizer(), text);
    }

    /**
     * Builder of {@link Detector}; {@code set*} options are required, {@code opt*} optional. A
     * builder can be reused: {@link #build} copies its settings.
     */
    public static final class Builder {
        private CausalLm model;
        private CausalLm samplingModel;
        private Criterion criterion;
        private MaskFiller filler;
        private PerturbationConfig perturbationConfig = PerturbationConfig.defaults();
        private long seed;
        private PerturbationCache cache;

        private Builder() {}

        /** @param model the scoring model (required) */
        public Builder setModel(CausalLm model) {
            this.model = Args.notNull(model, "model");
            return this;
        }

        /** @param c the criterion, of any kind (this or {@link #setCriterion(String)} is required) */
        public Builder setCriterion(Criterion c) {
            this.criterion = Args.notNull(c, "criterion");
            return this;
        }

        /**
         * @param name a registered name of a criterion that belongs to no model (see
         *     {@link Criteria#forName(String)}), with its default settings
         * @throws IllegalArgumentException on an unknown name, or {@code ensemble}
         */
        public Builder setCriterion(String name) {
            return setCriterion(Criteria.forName(name));
        }

        /**
         * @param sampling a sampling (reference / observer) model with the scoring model's
         *     tokenizer, used by criteria that take one (Fast-DetectGPT, Binoculars)
         */
        public Builder optSamplingModel(CausalLm sampling) {
            this.samplingModel = sampling;
            return this;
        }

        /** @param f the mask filler of perturbation criteria (default: the built-in {@link CausalFiller}) */
        public Builder optMaskFiller(MaskFiller f) {
            this.filler = f;
            return this;
        }

        /** @param c how perturbation criteria perturb (default {@link PerturbationConfig#defaults()}) */
        public Builder optPerturbationConfig(PerturbationConfig c) {
            this.perturbationConfig = Args.notNull(c, "perturbationConfig");
            return this;
        }

        /** @param s the seed of perturbations and regenerations (default 0) */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /** @param c a cache shared with other detectors (default: one of the detector's own) */
        public Builder optPerturbationCache(PerturbationCache c) {
            this.cache = c;
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
            Args.check(!criterion.requiresSamplingModel() || samplingModel != null,
                "%s reads an aligned pair: give the pair's human-side model%s as the sampling model",
                criterion.name(), criterion instanceof Ensemble e ? e.pairedModel().map(m -> " (" + m + ")").orElse("")
                    : "");
            if (samplingModel != null) {
                String probe = "The quick brown fox jumps over the lazy dog. 1234, naïve café — 中文.";
                Args.check(Arrays.equals(model.tokenizer().encodeIds(probe), samplingModel.tokenizer().encodeIds(probe)),
                    "the sampling model %s does not share the tokenizer of %s",
                    samplingModel.info().name(), model.info().name());
            }
            return new Detector(this);
        }
    }
}
