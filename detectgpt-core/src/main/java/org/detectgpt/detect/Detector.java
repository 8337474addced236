package org.detectgpt.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.detectgpt.criterion.Criteria;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.criterion.DetectGpt;
import org.detectgpt.criterion.DnaGpt;
import org.detectgpt.criterion.PerturbationCriterion;
import org.detectgpt.model.CausalLm;
import org.detectgpt.perturb.CausalFiller;
import org.detectgpt.perturb.MaskFiller;
import org.detectgpt.perturb.PerturbationCache;
import org.detectgpt.perturb.PerturbationConfig;
import org.detectgpt.perturb.Perturbations;
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
 *
 * <p>Three kinds of criteria (see {@link Criteria#typeOf}): a {@link Criterion} reduces the
 * text's token statistics; a {@link PerturbationCriterion} ({@code detectgpt}, {@code npr})
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
    private final PerturbationCriterion perturbationCriterion;
    private final DnaGpt dnaGpt;
    private final MaskFiller filler;
    private final PerturbationConfig perturbationConfig;
    private final long seed;
    private final PerturbationCache cache;

    private Detector(Builder b) {
        this.model = b.model;
        this.samplingModel = b.samplingModel;
        this.criterion = b.criterion;
        this.perturbationCriterion = b.perturbationCriterion;
        this.dnaGpt = b.dnaGpt;
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
        return criterion != null ? criterion.name()
            : perturbationCriterion != null ? perturbationCriterion.name() : dnaGpt.name();
    }

    /** @return the token-statistics criterion, if the detector uses one */
    public Optional<Criterion> criterion() {
        return Optional.ofNullable(criterion);
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
        int[] ids = encode(text);
        if (criterion != null && !criterion.needsStatistics()) {
            // a head that reads the text alone: no forward pass, no per-token statistics
            TokenStatistics none = new TokenStatistics(new int[] {ids[0]}, new double[0], new int[0], new double[0],
                new double[0], new double[0], null, null);
            return new DetectionResult(criterion.score(text, null), criterion.name(), model.info(), Optional.empty(),
                none, List.of(), OptionalLong.empty()).withTiming(new Timing(System.nanoTime() - t0, 0, 0, ids.length, 0));
        }
        boolean cross = criterion != null && criterion.usesSamplingModel();
        TokenStatistics stats = TokenScorer.score(model, cross ? samplingModel : null, ids);
        List<String> tokens = new ArrayList<>(stats.size());
        for (int i = 0; i < stats.size(); i++) {
            tokens.add(model.tokenizer().piece(stats.targetId(i)));
        }
        if (criterion != null) {
            return new DetectionResult(criterion.score(text, stats), criterion.name(), model.info(),
                cross && samplingModel != null ? Optional.of(samplingModel.info()) : Optional.empty(),
                stats, tokens, OptionalLong.empty()).withTiming(new Timing(System.nanoTime() - t0, 0, 0, ids.length, 0));
        }
        long fillNanos = 0;
        long perturbedNanos = 0;
        int perturbedTokens = 0;
        Map<String, Double> details = new LinkedHashMap<>();
        double score;
        Optional<String> fillerName = Optional.empty();
        if (perturbationCriterion != null) {
            long t1 = System.nanoTime();
            Perturbations p = cache.perturbations(text, filler, perturbationConfig, seed);
            long t2 = System.nanoTime();
            List<TokenStatistics> perturbed = cache.statistics(p, perturbationConfig, model);
            fillNanos = t2 - t1;
            perturbedNanos = System.nanoTime() - t2;
            for (TokenStatistics s : perturbed) {
                perturbedTokens += s.size() + 1;
            }
            if (perturbed.isEmpty()) {
                throw new InvalidTextException("no perturbation of the text could be made (" + p.failed()
                    + " of " + p.requested() + " failed after " + p.retries() + " retries)");
            }
            score = perturbationCriterion.score(stats, perturbed);
            if (perturbationCriterion instanceof DetectGpt) {
                DetectGpt.Discrepancy d = DetectGpt.discrepancy(stats, perturbed);
                details.put("d", d.d());
                details.put("z", d.z());
                details.put("log_likelihood", d.logLikelihood());
                details.put("perturbed_mean", d.perturbedMean());
                details.put("perturbed_std", d.perturbedStd());
            }
            details.put("perturbations", (double) perturbed.size());
            details.put("requested", (double) p.requested());
            details.put("masks", (double) p.masks());
            details.put("retries", (double) p.retries());
            details.put("failed", (double) p.failed());
            fillerName = Optional.of(filler.name());
        } else {
            DnaGpt.Result r = dnaGpt.score(model, text, stats, seed);
            score = r.score();
            details.put("original_tail", r.originalTail());
            details.put("regenerated_mean", r.originalTail() - r.score());
            details.put("regenerations", (double) r.regeneratedTails().length);
            details.put("prefix_tokens", (double) r.prefixTokens());
        }
        return new DetectionResult(score, criterionName(), model.info(), Optional.empty(), stats, tokens,
            OptionalLong.of(seed), fillerName, details,
            new Timing(System.nanoTime() - t0, fillNanos, perturbedNanos, ids.length, perturbedTokens));
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

    /**
     * Builder of {@link Detector}; {@code set*} options are required, {@code opt*} optional. A
     * builder can be reused: {@link #build} copies its settings.
     */
    public static final class Builder {
        private CausalLm model;
        private CausalLm samplingModel;
        private Criterion criterion;
        private PerturbationCriterion perturbationCriterion;
        private DnaGpt dnaGpt;
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

        /** @param c a token-statistics criterion (this or another {@code setCriterion} is required) */
        public Builder setCriterion(Criterion c) {
            clearCriterion();
            this.criterion = Args.notNull(c, "criterion");
            return this;
        }

        /** @param c a perturbation criterion: {@code detectgpt} or {@code npr} */
        public Builder setCriterion(PerturbationCriterion c) {
            clearCriterion();
            this.perturbationCriterion = Args.notNull(c, "criterion");
            return this;
        }

        /** @param c DNA-GPT with its settings */
        public Builder setCriterion(DnaGpt c) {
            clearCriterion();
            this.dnaGpt = Args.notNull(c, "criterion");
            return this;
        }

        /**
         * @param name any registered criterion name, with its default settings
         * @throws IllegalArgumentException on an unknown name
         */
        public Builder setCriterion(String name) {
            Class<?> type = Criteria.typeOf(name);
            if (type == PerturbationCriterion.class) {
                return setCriterion(Criteria.forName(name, PerturbationCriterion.class));
            }
            if (type == DnaGpt.class) {
                return setCriterion(Criteria.forName(name, DnaGpt.class));
            }
            return setCriterion(Criteria.forName(name));
        }

        private void clearCriterion() {
            criterion = null;
            perturbationCriterion = null;
            dnaGpt = null;
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
            Args.check(criterion != null || perturbationCriterion != null || dnaGpt != null,
                "a Detector needs a criterion");
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
