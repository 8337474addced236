package org.detectgpt.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.detectgpt.data.LabeledText;
import org.detectgpt.model.CausalLm;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.text.InvalidTextException;
import org.detectgpt.text.Whitespace;
import org.detectgpt.tokenize.ScorableText;
import org.detectgpt.util.Args;
import org.detectgpt.util.Parallel;

/**
 * Fits an {@link Ensemble} from labelled texts with {@link HeadFitter}'s grouped
 * cross-validation protocol. Texts are whitespace-collapsed first, as at scoring time; with a
 * scoring model ({@link #withModelStatistics}) each text's {@link Features} under it join the
 * dense block, and texts the model cannot score are skipped; with an aligned pair's features
 * ({@link #withPairFeatures}) those join it instead, and texts without them are skipped.
 *
 * <pre>{@code
 * EnsembleFitter.Result r = EnsembleFitter.english().fit(texts, t -> t.source(), "my essays 2019");
 * r.ensemble().write(Path.of("ensemble.json"), r.facts());
 * }</pre>
 */
public final class EnsembleFitter {
    /**
     * A fit: the ensemble, its out-of-fold scores per class (to calibrate with) and provenance;
     * {@code humanTexts[i]} is the index in the fitted list of the text {@code humanScores[i]}
     * scores (so a calibration can tell the human sources apart).
     */
    public record Result(Ensemble ensemble, double[] humanScores, double[] machineScores, int[] humanTexts,
            Map<String, Object> facts, String log) {}

    private final String language;
    private final HeadFitter fitter;
    private final CausalLm model;
    private final String pairName;
    private final Function<String, double[]> pairFeatures;
    private final int threads;

    private EnsembleFitter(String language, HeadFitter fitter, CausalLm model, String pairName,
            Function<String, double[]> pairFeatures, int threads) {
        this.language = language;
        this.fitter = fitter;
        this.model = model;
        this.pairName = pairName;
        this.pairFeatures = pairFeatures;
        this.threads = threads;
    }

    /** @return a fitter for English texts, without model statistics, on 2 threads */
    public static EnsembleFitter english() {
        return new EnsembleFitter("en", HeadFitter.english(), null, null, null, 2);
    }

    /** @return a fitter for Chinese texts (character n-grams), without model statistics */
    public static EnsembleFitter chinese() {
        return new EnsembleFitter("zh", HeadFitter.chinese(), null, null, null, 2);
    }

    /** @return the fitter for a language code ({@code zh}: Chinese; anything else: English) */
    public static EnsembleFitter forLanguage(String code) {
        return "zh".equals(code) ? chinese() : english();
    }

    /** @return a copy that adds the scoring model's per-text statistics to the features */
    public EnsembleFitter withModelStatistics(CausalLm m) {
        return new EnsembleFitter(language, fitter, Args.notNull(m, "model"), null, null, threads);
    }

    /**
     * A copy whose dense block ends with an aligned pair's {@link PairFeatures}, given per text:
     * they must be out-of-fold (from a pair trained without the text's group, as
     * {@code detectgpt-models/pair/oof.sh} makes them), else the head learns in-sample confidence.
     *
     * @param pair the pair's identity, {@code machine+human} (the models the head then needs)
     * @param features a whitespace-collapsed training text's features, or null when it has none
     * @return the copy
     */
    public EnsembleFitter withPairFeatures(String pair, Function<String, double[]> features) {
        return new EnsembleFitter(language, fitter, null, Args.notNull(pair, "pair"), Args.notNull(features, "features"),
            threads);
    }

    /** @return a copy on n threads */
    public EnsembleFitter withThreads(int n) {
        return new EnsembleFitter(language, fitter.withThreads(n), model, pairName, pairFeatures,
            Args.positive(n, "threads"));
    }

    /** @return a copy with another head fitter (n-gram settings, λ grid) */
    public EnsembleFitter withHeadFitter(HeadFitter f) {
        return new EnsembleFitter(language, f.withThreads(threads), model, pairName, pairFeatures, threads);
    }

    /** @return a copy reporting progress lines */
    public EnsembleFitter withProgress(Consumer<String> p) {
        return new EnsembleFitter(language, fitter.withProgress(p), model, pairName, pairFeatures, threads);
    }

    /**
     * @param texts labelled texts, both labels present
     * @param group the cross-validation group of a text (its source, file, writer …)
     * @param description what they are (recorded for provenance)
     * @return the fit
     */
    public Result fit(List<LabeledText> texts, Function<LabeledText, String> group, String description) {
        TextHead.ModelBlock block = model != null ? TextHead.ModelBlock.STATISTICS
            : pairFeatures != null ? TextHead.ModelBlock.PAIR : TextHead.ModelBlock.NONE;
        List<double[]> features = model != null ? modelFeatures(texts) : null;
        List<HeadFitter.Sample> samples = new ArrayList<>();
        List<Integer> textOf = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < texts.size(); i++) {
            LabeledText t = texts.get(i);
            String text = Whitespace.collapse(t.text());
            double[] f = features != null ? features.get(i) : pairFeatures != null ? pairFeatures.apply(text) : null;
            if (block == TextHead.ModelBlock.NONE || f != null) {
                samples.add(new HeadFitter.Sample(text, t.isMachine(), group.apply(t), f));
                textOf.add(i);
            } else {
                skipped++;
            }
        }
        long machine = samples.stream().filter(HeadFitter.Sample::machine).count();
        Args.check(machine > 0 && machine < samples.size(), "need human and machine texts (%d human, %d machine)",
            samples.size() - machine, machine);
        HeadFitter.Fit fit = fitter.fit(samples, block);
        List<Double> h = new ArrayList<>();
        List<Double> m = new ArrayList<>();
        List<Integer> humanTexts = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            (samples.get(i).machine() ? m : h).add(fit.outOfFoldScores()[i]);
            if (!samples.get(i).machine()) {
                humanTexts.add(textOf.get(i));
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("protocol", "grouped cross-validation, one group held out at a time; bigram-ratio features "
            + "cross-fitted by group; fusion and calibration scores out-of-fold"
            + (block == TextHead.ModelBlock.PAIR ? "; pair features given out-of-fold (a pair trained without the "
                + "text's group)" : ""));
        facts.put("sparse_lambda", fit.sparseLambda());
        facts.put("dense_lambda", fit.denseLambda());
        facts.put("dense_features", TextHead.denseNames(block));
        if (block != TextHead.ModelBlock.NONE) {
            facts.put("texts_without_model_features", skipped);
        }
        facts.put("held_out_group_auroc", fit.groupAuroc());
        String desc = description + " (" + (samples.size() - machine) + " human, " + machine + " machine texts)";
        String modelName = model != null ? model.info().name() : pairName != null ? pairName : Ensemble.NO_MODEL;
        Ensemble e = new Ensemble(modelName, desc, language, fit.head(), "");
        return new Result(e, h.stream().mapToDouble(Double::doubleValue).toArray(),
            m.stream().mapToDouble(Double::doubleValue).toArray(),
            humanTexts.stream().mapToInt(Integer::intValue).toArray(), facts, fit.log());
    }

    private List<double[]> modelFeatures(List<LabeledText> texts) {
        return Parallel.map(threads, texts.size(), i -> {
            try {
                int[] ids = ScorableText.encodeIds(model.tokenizer(), Whitespace.collapse(texts.get(i).text()));
                return Features.of(TokenScorer.score(model, ids));
            } catch (InvalidTextException e) {
                return null;
            }
        });
    }
}
