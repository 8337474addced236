package org.detectgpt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.criterion.DnaGpt;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.data.Label;
import org.detectgpt.data.LabeledText;
import org.detectgpt.detect.Criteria;
import org.detectgpt.ensemble.Ensemble;
import org.detectgpt.eval.CriterionReport;
import org.detectgpt.eval.EvalTiming;
import org.detectgpt.eval.Evaluation;
import org.detectgpt.eval.VerdictTable;
import org.detectgpt.language.Language;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.nn.EngineThreads;
import org.detectgpt.models.BundledModels;
import org.detectgpt.models.ModelSet;
import org.detectgpt.perturb.MaskFiller;
import org.detectgpt.perturb.PerturbationConfig;
import org.detectgpt.report.RocPlot;
import org.detectgpt.util.InputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detectgpt eval}: AUROC and TPR at low FPR of criteria on labelled data sets. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluate criteria on labelled data sets: fast-detect-gpt JSON {\"original\",\"sampled\"},",
        "JSONL {\"text\",\"label\"} (1 = machine), or MixSet JSON lists. A folder means every .json/.jsonl in it.",
        "Whitespace runs are collapsed to one space before scoring unless --keep-whitespace.",
        "Without --model each data set is scored by the bundled default of its language (English, Chinese)."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    PerturbationOptions perturbation;

    @Option(names = {"-c", "--criterion"}, defaultValue = "ensemble", split = ",", paramLabel = "NAME",
        description = "Criteria, comma-separated or repeated: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
        completionCandidates = CriterionNames.class)
    List<String> criteria;

    @Option(names = "--json", description = "Print the results as one JSON object.")
    boolean json;

    @Option(names = "--keep-whitespace", description = "Score texts with their whitespace as it is.")
    boolean keepWhitespace;

    @Option(names = "--threads", defaultValue = "2", description = "Texts scored in parallel. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--limit", paramLabel = "N",
        description = "Use at most the first N human and the first N machine texts of each data set.")
    Integer limit;

    @Option(names = "--roc", paramLabel = "PNG_OR_SVG",
        description = "Draw the ROC curves (one per data set and criterion, AUROC in the legend) to a .png or .svg file.")
    Path roc;

    @Option(names = "--verdicts",
        description = "Also give the verdict shares of each class under the calibration (--calibration, or the bundled "
            + "one of each language's default model): human texts called likely-machine (false positives), machine "
            + "texts called likely-human, and both by length bucket (words; Chinese: characters).")
    boolean verdicts;

    @Option(names = "--calibration", paramLabel = "FILE", description = "The calibration --verdicts uses.")
    Path calibration;

    @Parameters(arity = "1..*", paramLabel = "DATASET", description = "Data set files or folders.")
    List<Path> datasets;

    @Override
    public Integer call() throws DetectGptException, IOException {
        for (String name : criteria) {
            if (!Criteria.isKnown(name)) {
                throw new IllegalArgumentException("unknown criterion '" + name + "' (known: "
                    + String.join(", ", Criteria.names()) + ")");
            }
        }
        models.checkPairFor(criteria);
        PerturbationConfig config = perturbation.config();
        DnaGpt dnaGpt = perturbation.dnaGpt();
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        EngineThreads.share(threads); // each scoring thread its share of the cores
        if (roc != null) {
            RocPlot.checkFileName(roc);
        }
        List<Path> files = expand(datasets);
        List<EvalDataset> sets = new ArrayList<>();
        for (Path f : files) {
            EvalDataset d = DatasetReader.read(f);
            sets.add(limit == null ? d : limit(d, limit));
        }
        long loadNanos = 0;
        long t0 = System.nanoTime();
        ModelSet modelSet = models.set(null);
        CausalLm sampling = modelSet.loadSampling().orElse(null);
        CausalLm partner = null; // the sampling model used: the named one, or a pair head's human side
        loadNanos += System.nanoTime() - t0;
        // the model of each data set's language (the bundled defaults without --model), loaded once each
        Map<Language, Evaluation> byLanguage = new EnumMap<>(Language.class);
        List<CausalLm> used = new ArrayList<>();
        MaskFiller filler = null;
        List<Evaluation> perSet = new ArrayList<>();
        for (EvalDataset d : sets) {
            Language lang = modelSet.slotFor(d.language());
            Evaluation ev = byLanguage.get(lang);
            if (ev == null) {
                long t1 = System.nanoTime();
                CausalLm model = modelSet.load(lang);
                MaskFiller f = PerturbationOptions.perturbs(criteria) ? perturbation.filler(model) : null;
                loadNanos += System.nanoTime() - t1;
                filler = filler == null ? f : filler;
                // an ensemble head over an aligned pair brings its human side when no sampling model is named
                CausalLm s = !criteria.contains(Ensemble.NAME) ? sampling
                    : modelSet.samplingFor(sampling, Criteria.forName(Ensemble.NAME, model)).orElse(null);
                partner = partner == null ? s : partner;
                ev = Evaluation.of(model, s).withCollapseWhitespace(!keepWhitespace).withThreads(threads)
                    .withMaskFiller(f).withPerturbationConfig(config).withSeed(perturbation.seed).withDnaGpt(dnaGpt);
                byLanguage.put(lang, ev);
                used.add(model);
            }
            perSet.add(ev);
        }
        List<CriterionReport> reports = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf("%-55s %-15s %7s %7s %7s %9s %9s%n", "dataset", "criterion", "human", "machine", "auroc",
                "tpr@1%fpr", "tpr@5%fpr");
        }
        VerdictTable table = verdicts ? new VerdictTable(calibrations(), criteria.get(0)) : null;
        EvalTiming timing = new EvalTiming();
        Map<CriterionReport, long[]> setTiming = new IdentityHashMap<>();
        for (int i = 0; i < sets.size(); i++) {
            long wall = timing.wallNanos();
            long tokens = timing.tokens();
            Map<String, double[]> scores = perSet.get(i).scoresByName(sets.get(i), criteria, timing);
            long[] t = {timing.wallNanos() - wall, timing.tokens() - tokens};
            if (table != null) {
                table.add(sets.get(i), verdictLanguage(sets.get(i)), perSet.get(i),
                    scores.get(criteria.get(0)), !keepWhitespace);
            }
            boolean twoClasses = sets.get(i).items().stream().anyMatch(LabeledText::isMachine)
                && sets.get(i).items().stream().anyMatch(x -> !x.isMachine());
            if (!twoClasses) {
                if (table == null) {
                    throw new DetectGptException(sets.get(i).name() + ": holds one class only; AUROC needs both (with "
                        + "--verdicts a one-class set is counted in the verdict shares)");
                }
                continue;
            }
            for (String name : criteria) {
                CriterionReport r = perSet.get(i).report(sets.get(i), name, scores.get(name));
                setTiming.put(r, t);
                reports.add(r);
                if (!json) {
                    out.printf("%-55s %-15s %7d %7d %7.4f %9.4f %9.4f%n", r.dataset(), r.criterion(),
                        r.humanScores().length, r.machineScores().length, r.auroc(), r.tprAt1PctFpr(),
                        r.tprAt5PctFpr());
                    out.flush();
                }
            }
        }
        if (roc != null) {
            RocPlot.write(roc, reports);
        }
        if (table != null && !json) {
            table.print(out);
        }
        if (json) {
            ObjectNode o = toJson(used, partner, filler, reports);
            ArrayNode arr = (ArrayNode) o.get("datasets");
            for (int i = 0; i < reports.size(); i++) {
                long[] t = setTiming.get(reports.get(i));
                ((ObjectNode) arr.get(i)).put("scoring_ms", Math.round(t[0] / 1e5) / 10.0);
                ((ObjectNode) arr.get(i)).put("tokens", t[1]);
            }
            o.set("timing", timing(timing, loadNanos));
            if (table != null) {
                o.set("verdicts", table.toJson());
            }
            out.println(Json.MAPPER.writeValueAsString(o));
        } else if (sets.size() > 1) {
            for (Map.Entry<String, Double> e : meanAuroc(reports).entrySet()) {
                out.printf("mean AUROC over %d two-class data sets, %s: %.4f%n", reports.size() / criteria.size(),
                    e.getKey(), e.getValue());
            }
        }
        return 0;
    }

    /**
     * The language of most of a data set's first 50 texts, English when no bundled model covers
     * it: the key under which the data set's model is loaded once.
     */
    /** The calibration per language: --calibration, else each language's bundled default's own. */
    private Map<Language, Calibration> calibrations() throws DetectGptException {
        Map<Language, Calibration> out = new EnumMap<>(Language.class);
        if (calibration != null) {
            for (Calibration c : CalibrationSet.read(calibration).calibrations()) {
                out.put(c.language(), c);
            }
            return out;
        }
        for (Language l : List.of(Language.ENGLISH, Language.CHINESE)) {
            var m = BundledModels.defaultFor(l);
            if (m.isPresent() && m.get().calibration().isPresent()) {
                CalibrationSet.read(m.get().calibration().get()).forLanguage(l).ifPresent(c -> out.put(l, c));
            }
        }
        return out;
    }

    /** @return the language whose calibration judges a data set: its own, English for other languages */
    private static Language verdictLanguage(EvalDataset d) {
        Language l = d.language();
        return l == Language.OTHER ? Language.ENGLISH : l;
    }

    /**
     * @return {@code model_load_ms}, {@code scoring_ms} (elapsed, all data sets), {@code tokens},
     *     and with perturbation criteria {@code fill_ms}, {@code perturbation_scoring_ms} (summed
     *     over the scoring threads) and {@code perturbed_tokens}; each data set's entry has its own
     *     {@code scoring_ms} and {@code tokens} (shared by the criteria run on it together)
     */
    private ObjectNode timing(EvalTiming t, long loadNanos) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("model_load_ms", Math.round(loadNanos / 1e5) / 10.0);
        o.put("scoring_ms", Math.round(t.wallNanos() / 1e5) / 10.0);
        o.put("tokens", t.tokens());
        if (PerturbationOptions.perturbs(criteria)) {
            o.put("fill_ms", Math.round(t.fillNanos() / 1e5) / 10.0);
            o.put("perturbation_scoring_ms", Math.round(t.perturbedScoringNanos() / 1e5) / 10.0);
            o.put("perturbed_tokens", t.perturbedTokens());
        }
        return o;
    }

    private ObjectNode toJson(List<CausalLm> used, CausalLm sampling, MaskFiller filler, List<CriterionReport> reports) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        // "model": the first (usually only) model; "models": all, when data sets of several languages were given
        o.set("model", Json.model(used.get(0).info()));
        if (used.size() > 1) {
            ArrayNode all = o.putArray("models");
            used.forEach(m -> all.add(Json.model(m.info())));
        }
        if (sampling != null) {
            o.set("sampling_model", Json.model(sampling.info()));
        }
        if (filler != null) {
            ObjectNode p = o.putObject("perturbation");
            p.put("filler", filler.name());
            p.put("perturbations", perturbation.perturbations);
            p.put("pct", perturbation.pct);
            p.put("span_length", perturbation.spanLength);
        }
        o.put("seed", perturbation.seed);
        o.put("whitespace", keepWhitespace ? "kept" : "collapsed");
        ArrayNode arr = o.putArray("datasets");
        for (CriterionReport r : reports) {
            ObjectNode d = arr.addObject();
            d.put("name", r.dataset());
            d.put("criterion", r.criterion());
            d.put("model", r.model());
            d.put("n_human", r.humanScores().length);
            d.put("n_machine", r.machineScores().length);
            d.put("n_skipped", r.skipped());
            Json.putNumber(d, "auroc", r.auroc());
            Json.putNumber(d, "tpr_at_1pct_fpr", r.tprAt1PctFpr());
            Json.putNumber(d, "tpr_at_5pct_fpr", r.tprAt5PctFpr());
        }
        ObjectNode mean = o.putObject("mean_auroc");
        meanAuroc(reports).forEach((k, v) -> Json.putNumber(mean, k, v));
        return o;
    }

    private static Map<String, Double> meanAuroc(List<CriterionReport> reports) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (CriterionReport r : reports) {
            double[] a = acc.computeIfAbsent(r.criterion(), k -> new double[2]);
            a[0] += r.auroc();
            a[1]++;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        acc.forEach((k, a) -> out.put(k, a[0] / a[1]));
        return out;
    }

    private static EvalDataset limit(EvalDataset d, int n) {
        List<LabeledText> kept = new ArrayList<>();
        int h = 0;
        int m = 0;
        for (LabeledText t : d.items()) {
            if (t.label() == Label.MACHINE ? m++ < n : h++ < n) {
                kept.add(t);
            }
        }
        return new EvalDataset(d.name(), kept);
    }

    private static List<Path> expand(List<Path> paths) throws DetectGptException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(InputFiles.of(p, List.of(".json", ".jsonl")));
        }
        if (files.isEmpty()) {
            throw new DetectGptException(paths + ": no .json or .jsonl data sets found");
        }
        return files;
    }
}
