package org.detectgpt.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.detectgpt.DetectGptException;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.criterion.DnaGpt;
import org.detectgpt.criterion.LearnedCriterion;
import org.detectgpt.criterion.TokenCriterion;
import org.detectgpt.detect.Criteria;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.data.LabeledText;
import org.detectgpt.detect.DetectionResult;
import org.detectgpt.detect.Detector;
import org.detectgpt.metrics.RocCurve;
import org.detectgpt.model.CausalLm;
import org.detectgpt.perturb.MaskFiller;
import org.detectgpt.perturb.PerturbationCache;
import org.detectgpt.perturb.PerturbationConfig;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.text.InvalidTextException;
import org.detectgpt.text.Whitespace;
import org.detectgpt.tokenize.ScorableText;
import org.detectgpt.util.Args;
import org.detectgpt.util.Parallel;

/**
 * Scores every text of a labelled data set once per model and reports, for each criterion, the
 * separation of human and machine texts (AUROC, TPR at low FPR).
 *
 * <p>By default every run of whitespace is collapsed to one space before scoring: in the
 * development sets only machine texts contain newlines, which would leak the label. Token
 * statistics are computed once per text and shared by all token-statistics criteria; the
 * perturbations of a text are made once and shared by all perturbation criteria
 * ({@code detectgpt}, {@code npr}), which score a text together. Texts that cannot be scored
 * (empty, one token, no perturbation possible) are counted as skipped.
 *
 * <pre>{@code
 * Evaluation ev = Evaluation.of(model, null).withThreads(2)
 *     .withPerturbationConfig(PerturbationConfig.defaults().withPerturbations(20)).withSeed(1);
 * List<CriterionReport> r = ev.runByName(DatasetReader.read(path), List.of("detectgpt", "npr", "likelihood"));
 * }</pre>
 */
public final class Evaluation {
    /**
     * Texts scored together by the one-pass criteria: their windows share packed passes over the
     * model, so short texts fill a product. Enough for a few short texts per pass; small enough
     * that a few hundred texts still spread over the threads.
     */
    static final int BATCH = 8;

    private final CausalLm model;
    private final CausalLm samplingModel;
    private final boolean collapseWhitespace;
    private final int threads;
    private final MaskFiller filler;
    private final PerturbationConfig perturbationConfig;
    private final long seed;
    private final DnaGpt dnaGpt;
    /** Criteria by name, resolved once: a learned head is read from its file. */
    private final Map<String, Criterion> resolved = new ConcurrentHashMap<>();

    private Evaluation(CausalLm model, CausalLm samplingModel, boolean collapseWhitespace, int threads,
                       MaskFiller filler, PerturbationConfig perturbationConfig, long seed, DnaGpt dnaGpt) {
        this.model = Args.notNull(model, "model");
        this.samplingModel = samplingModel;
        this.collapseWhitespace = collapseWhitespace;
        this.threads = threads;
        this.filler = filler;
        this.perturbationConfig = perturbationConfig;
        this.seed = seed;
        this.dnaGpt = dnaGpt;
    }

    /**
     * @param model the scoring model
     * @param samplingModel the sampling model, or null
     * @return an evaluation that collapses whitespace, uses one thread, the built-in mask filler,
     *     the default perturbation and DNA-GPT settings and seed 0
     */
    public static Evaluation of(CausalLm model, CausalLm samplingModel) {
        return new Evaluation(model, samplingModel, true, 1, null, PerturbationConfig.defaults(), 0, DnaGpt.defaults());
    }

    /** @return the scoring model */
    public CausalLm model() {
        return model;
    }

    /** @return a copy that collapses whitespace (the default) or keeps it as it is */
    public Evaluation withCollapseWhitespace(boolean collapse) {
        return new Evaluation(model, samplingModel, collapse, threads, filler, perturbationConfig, seed, dnaGpt);
    }

    /** @return a copy that scores texts on {@code n} threads */
    public Evaluation withThreads(int n) {
        Args.positive(n, "threads");
        return new Evaluation(model, samplingModel, collapseWhitespace, n, filler, perturbationConfig, seed, dnaGpt);
    }

    /** @return a copy whose perturbation criteria use filler {@code f} (null: the built-in one) */
    public Evaluation withMaskFiller(MaskFiller f) {
        return new Evaluation(model, samplingModel, collapseWhitespace, threads, f, perturbationConfig, seed, dnaGpt);
    }

    /** @return a copy perturbing with {@code c} */
    public Evaluation withPerturbationConfig(PerturbationConfig c) {
        Args.notNull(c, "perturbationConfig");
        return new Evaluation(model, samplingModel, collapseWhitespace, threads, filler, c, seed, dnaGpt);
    }

    /** @return a copy drawing perturbations and regenerations from seed {@code s} */
    public Evaluation withSeed(long s) {
        return new Evaluation(model, samplingModel, collapseWhitespace, threads, filler, perturbationConfig, s, dnaGpt);
    }

    /** @return a copy running {@code dna-gpt} with the settings of {@code d} */
    public Evaluation withDnaGpt(DnaGpt d) {
        Args.notNull(d, "dnaGpt");
        return new Evaluation(model, samplingModel, collapseWhitespace, threads, filler, perturbationConfig, seed, d);
    }

    /**
     * @param dataset texts with labels, both labels present
     * @param criteria at least one criterion that reads one text's statistics: token-statistics
     *     criteria and learned heads
     * @return one report per criterion, in the given order
     * @throws IllegalArgumentException if a label has no scorable text, or a criterion is of another kind
     */
    public List<CriterionReport> run(EvalDataset dataset, List<Criterion> criteria) {
        Args.check(!criteria.isEmpty(), "no criterion given");
        for (Criterion c : criteria) {
            Args.check(c instanceof TokenCriterion || c instanceof LearnedCriterion,
                "%s needs more than one text's statistics: evaluate it by name", c.name());
        }
        Map<String, double[]> scores = tokenScores(dataset.items(), criteria, new int[dataset.items().size()]);
        List<CriterionReport> out = new ArrayList<>();
        for (Criterion c : criteria) {
            out.add(report(dataset, c.name(), scores.get(c.name())));
        }
        return out;
    }

    /**
     * Like {@link #run} for any registered criteria, by name: token-statistics criteria, the
     * perturbation criteria and DNA-GPT, with this evaluation's filler, perturbation settings and
     * seed.
     *
     * @param dataset texts with labels, both labels present
     * @param names at least one registered criterion name
     * @return one report per name, in the given order
     * @throws IllegalArgumentException on an unknown name, or if a label has no scorable text
     */
    public List<CriterionReport> runByName(EvalDataset dataset, List<String> names) {
        return runByName(dataset, names, new EvalTiming());
    }

    /**
     * Like {@link #runByName(EvalDataset, List)}, adding where the time went to {@code timing}.
     *
     * @param timing receives the run's elapsed time, tokens, and perturbation parts
     */
    public List<CriterionReport> runByName(EvalDataset dataset, List<String> names, EvalTiming timing) {
        Map<String, double[]> scores = scoresByName(dataset, names, timing);
        List<CriterionReport> out = new ArrayList<>();
        for (String name : names) {
            out.add(report(dataset, name, scores.get(name)));
        }
        return out;
    }

    /**
     * The per-text scores behind {@link #runByName}, for analyses by text (length, source).
     *
     * @param dataset texts with labels
     * @param names at least one registered criterion name
     * @param timing receives the elapsed time, tokens and perturbation parts
     * @return per name, the score of each item in item order (NaN when it could not be scored)
     */
    public Map<String, double[]> scoresByName(EvalDataset dataset, List<String> names, EvalTiming timing) {
        long t0 = System.nanoTime();
        try {
            return computeScores(dataset, names, timing);
        } finally {
            timing.addWall(System.nanoTime() - t0);
        }
    }

    /** @return {@link #scoresByName(EvalDataset, List, EvalTiming)} without timing */
    public Map<String, double[]> scoresByName(EvalDataset dataset, List<String> names) {
        return scoresByName(dataset, names, new EvalTiming());
    }

    private Map<String, double[]> computeScores(EvalDataset dataset, List<String> names, EvalTiming timing) {
        Args.check(!names.isEmpty(), "no criterion given");
        List<Criterion> tokenCriteria = new ArrayList<>();
        Map<String, Detector> detectors = new LinkedHashMap<>();
        Detector.Builder b = Detector.builder().setModel(model).optMaskFiller(filler)
            .optPerturbationConfig(perturbationConfig).optSeed(seed).optPerturbationCache(PerturbationCache.create());
        for (String name : names) {
            Criterion c = resolve(name);
            if (c instanceof TokenCriterion || c instanceof LearnedCriterion) {
                tokenCriteria.add(c);
            } else {
                detectors.put(name, b.setCriterion(c instanceof DnaGpt ? dnaGpt : c).build());
            }
        }
        List<LabeledText> items = dataset.items();
        Map<String, double[]> scores = new LinkedHashMap<>();
        int[] tokens = new int[items.size()];
        if (!tokenCriteria.isEmpty()) {
            scores.putAll(tokenScores(items, tokenCriteria, tokens));
        }
        if (!detectors.isEmpty()) {
            // one task per text scores all of its criteria, so its perturbations are made once
            List<double[]> perText = parallel(items, text -> {
                List<Detector> ds = List.copyOf(detectors.values());
                double[] s = new double[ds.size() + 1]; // the last: the text's tokens
                for (int k = 0; k < ds.size(); k++) {
                    try {
                        DetectionResult r = ds.get(k).detect(text);
                        s[k] = r.score();
                        timing.addPerturbation(r.timing());
                        s[ds.size()] = r.timing().tokens();
                    } catch (InvalidTextException e) {
                        s[k] = Double.NaN;
                    }
                }
                return s;
            });
            for (int i = 0; i < items.size(); i++) {
                tokens[i] = Math.max(tokens[i], (int) perText.get(i)[detectors.size()]);
            }
            int k = 0;
            for (String name : detectors.keySet()) {
                double[] column = new double[items.size()];
                for (int i = 0; i < column.length; i++) {
                    column[i] = perText.get(i)[k];
                }
                scores.put(name, column);
                k++;
            }
        }
        timing.addTokens(Arrays.stream(tokens).asLongStream().sum());
        return scores;
    }

    /**
     * @param tokens receives each item's token count (0 when it could not be scored)
     * @return per criterion name, the score of each item (NaN when it could not be scored)
     */
    private Map<String, double[]> tokenScores(List<LabeledText> items, List<Criterion> criteria, int[] tokens) {
        boolean cross = criteria.stream().anyMatch(Criterion::usesSamplingModel);
        // a head that reads only the text needs no forward pass: skip the model's cost
        boolean needStats = criteria.stream().anyMatch(c -> !(c instanceof LearnedCriterion h) || h.needsStatistics());
        CausalLm q = cross ? samplingModel : null;
        Map<String, double[]> out = new LinkedHashMap<>();
        if (!needStats) {
            List<Integer> n = parallel(items, text -> {
                try {
                    return ScorableText.encodeIds(model.tokenizer(), text).length;
                } catch (InvalidTextException e) {
                    return 0;
                }
            });
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = n.get(i);
            }
            for (Criterion c : criteria) {
                List<Double> s = parallel(items, text -> {
                    try {
                        ScorableText.encodeIds(model.tokenizer(), text);
                        return ((LearnedCriterion) c).score(text, null);
                    } catch (InvalidTextException e) {
                        return Double.NaN;
                    }
                });
                out.put(c.name(), s.stream().mapToDouble(Double::doubleValue).toArray());
            }
            return out;
        }
        // texts run in batches of BATCH, their windows packed into shared passes over the model
        // (TokenScorer.scoreAll: the same statistics as one by one, within float rounding); each
        // text's statistics become its few scores at once and are dropped: memory is one row of
        // scores per text, not every text's statistics until the end
        int batches = (items.size() + BATCH - 1) / BATCH;
        List<double[][]> perBatch = Parallel.map(threads, batches, bi -> {
            int from = bi * BATCH;
            int to = Math.min(items.size(), from + BATCH);
            double[][] s = new double[to - from][criteria.size() + 1]; // the last: the text's tokens
            String[] texts = new String[to - from];
            List<int[]> ids = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int i = from; i < to; i++) {
                texts[i - from] = text(items.get(i));
                try {
                    ids.add(ScorableText.encodeIds(model.tokenizer(), texts[i - from]));
                    at.add(i - from);
                } catch (InvalidTextException e) {
                    Arrays.fill(s[i - from], Double.NaN);
                    s[i - from][criteria.size()] = 0;
                }
            }
            List<TokenStatistics> stats = ids.isEmpty() ? List.of() : TokenScorer.scoreAll(model, q, ids);
            for (int j = 0; j < stats.size(); j++) {
                int r = at.get(j);
                for (int k = 0; k < criteria.size(); k++) {
                    s[r][k] = score(criteria.get(k), texts[r], stats.get(j));
                }
                s[r][criteria.size()] = stats.get(j).size() + 1;
            }
            return s;
        });
        List<double[]> perText = new ArrayList<>(items.size());
        for (double[][] b : perBatch) {
            perText.addAll(Arrays.asList(b));
        }
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = (int) perText.get(i)[criteria.size()];
        }
        for (int k = 0; k < criteria.size(); k++) {
            double[] s = new double[items.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = perText.get(i)[k];
            }
            out.put(criteria.get(k).name(), s);
        }
        return out;
    }

    /**
     * @param dataset the data set
     * @param criterion the criterion name
     * @param scores its per-item scores from {@link #scoresByName} (NaN: skipped)
     * @return the report
     */
    public CriterionReport report(EvalDataset dataset, String criterion, double[] scores) {
        List<LabeledText> items = dataset.items();
        double[] human = new double[items.size()];
        double[] machine = new double[items.size()];
        int nh = 0;
        int nm = 0;
        int skipped = 0;
        for (int i = 0; i < items.size(); i++) {
            if (Double.isNaN(scores[i])) {
                skipped++;
            } else if (items.get(i).isMachine()) {
                machine[nm++] = scores[i];
            } else {
                human[nh++] = scores[i];
            }
        }
        Args.check(nh > 0 && nm > 0, "%s: needs scorable human and machine texts (%d human, %d machine)",
            dataset.name(), nh, nm);
        double[] h = Arrays.copyOf(human, nh);
        double[] m = Arrays.copyOf(machine, nm);
        String modelName = modelIdentity(criterion);
        return new CriterionReport(dataset.name(), criterion, modelName, h, m, skipped, RocCurve.of(h, m));
    }

    /** A task on one (whitespace-normalised) text. */
    private interface TextTask<T> {
        T apply(String text);
    }

    /** Runs the task on every item's text on this evaluation's threads; results in item order. */
    private <T> List<T> parallel(List<LabeledText> items, TextTask<T> task) {
        return Parallel.map(threads, items.size(), i -> task.apply(text(items.get(i))));
    }

    /** @return the item's text as this evaluation scores it (whitespace collapsed or not) */
    private String text(LabeledText item) {
        return collapseWhitespace ? Whitespace.collapse(item.text()) : item.text();
    }

    /**
     * @param criterion a registered criterion name
     * @return the identity of the model(s) that criterion's scores come from (see
     *     {@link Detector#modelIdentity(org.detectgpt.model.ModelInfo, java.util.Optional)})
     */
    public String modelIdentity(String criterion) {
        // ask the criterion itself: a learned head reads the sampling model when it is fitted over a pair
        return Detector.modelIdentity(model.info(), samplingModel != null && resolve(criterion).usesSamplingModel()
            ? java.util.Optional.of(samplingModel.info()) : java.util.Optional.empty());
    }

    /** @return a token-statistics criterion's or a learned head's score of one text */
    private static double score(Criterion c, String text, TokenStatistics stats) {
        return c instanceof TokenCriterion t ? t.score(stats) : ((LearnedCriterion) c).score(text, stats);
    }

    /** @return the criterion of that name, a learned head being the scoring model's own */
    private Criterion resolve(String name) {
        return resolved.computeIfAbsent(name, n -> {
            try {
                return Criteria.forName(n, model);
            } catch (DetectGptException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }
}
