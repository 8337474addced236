package org.detectgpt.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.detectgpt.DetectGptException;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.data.Label;
import org.detectgpt.data.LabeledText;
import org.detectgpt.ensemble.EnsembleFitter;
import org.detectgpt.ensemble.HeadFitter;
import org.detectgpt.language.Language;
import org.detectgpt.report.ReportFiles;
import org.detectgpt.util.InputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code detectgpt fit-ensemble}: fits the ensemble criterion's learned head on labelled texts. */
@Command(name = "fit-ensemble", mixinStandardHelpOptions = true,
    description = {"Fit the 'ensemble' criterion (a learned head over distorted n-grams, style, a machine/human "
        + "bigram likelihood ratio and optionally the model's statistics) on labelled texts, by grouped "
        + "cross-validation: each group (a source, a file) is held out in turn; that decides the regularisation, "
        + "and the held-out scores are written with --scores for 'calibrate --scores'.",
        "--human/--machine take text files (.txt, .md) or folders of them; --dataset takes labelled data-set files "
            + "(fast-detect-gpt JSON, JSONL, MixSet); never fit on validation splits."})
final class FitEnsembleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Option(names = "--human", paramLabel = "PATH", arity = "1..*", description = "Texts known to be human-written.")
    List<Path> human = new ArrayList<>();

    @Option(names = "--machine", paramLabel = "PATH", arity = "1..*", description = "Texts known to be machine-written.")
    List<Path> machine = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "PATH", arity = "1..*",
        description = "Labelled data sets (fast-detect-gpt JSON, JSONL, MixSet); never validation splits.")
    List<Path> datasets = new ArrayList<>();

    @Option(names = "--human-only", paramLabel = "PATH", arity = "1..*",
        description = "Labelled data sets of which only the human texts are used (e.g. sets whose machine texts are "
            + "by outdated generators).")
    List<Path> humanOnly = new ArrayList<>();

    @Option(names = "--language", defaultValue = "en",
        description = "en (word n-grams) or zh (character n-grams). Default: ${DEFAULT-VALUE}.")
    String language;

    @Option(names = "--group-by", defaultValue = "source",
        description = "Cross-validation groups: 'source' (a JSONL text's source field, else its data set: the folder "
            + "above the split folders, or the file), 'file' (the same without the source field) or 'generator' "
            + "(each machine generator held out in turn, with a share of the human texts). "
            + "Default: ${DEFAULT-VALUE}.")
    String groupBy;

    @Option(names = "--lambdas", split = ",", paramLabel = "SPARSE,DENSE",
        description = "Use these L2 strengths instead of choosing them by cross-validation (e.g. for a "
            + "leave-one-generator-out table at the chosen ones).")
    List<Double> lambdas;

    @Option(names = "--model-statistics",
        description = "Add the scoring model's per-text statistics (--model) to the features: the head then needs "
            + "that model at scoring time.")
    boolean modelStatistics;

    @Option(names = "--pair-features", paramLabel = "FILE",
        description = "Add an aligned pair's features (machine-side --model, human-side --sampling-model at scoring "
            + "time), read out-of-fold per training text from FILE (gzip TSV from detectgpt-models/pair/oof-tsv.py: "
            + "key, then the features); texts not in it are left out.")
    Path pairFeatures;

    @Option(names = "--limit", paramLabel = "N",
        description = "At most N texts of each label from each data set, spread evenly over the file.")
    Integer limit;

    @Option(names = "--threads", defaultValue = "2", description = "Threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "The ensemble JSON to write (its head is written beside it).")
    Path out;

    @Option(names = "--scores", paramLabel = "FILE",
        description = "Also write the out-of-fold scores of the training texts (JSON) for 'calibrate --scores'.")
    Path scores;

    @Override
    public Integer call() throws DetectGptException, IOException {
        Language lang = Language.fromCode(language);
        if (lang != Language.ENGLISH && lang != Language.CHINESE) {
            throw new DetectGptException("--language must be en or zh, not " + language);
        }
        // before minutes of fitting, not after
        ReportFiles.checkWritable(out);
        if (scores != null) {
            ReportFiles.checkWritable(scores);
        }
        List<LabeledText> texts = new ArrayList<>();
        Map<LabeledText, String> file = new java.util.IdentityHashMap<>();
        List<String> sources = new ArrayList<>();
        for (Path p : human) {
            add(texts, file, textFiles(p, Label.HUMAN), p.getFileName().toString());
            sources.add("human: " + p.getFileName());
        }
        for (Path p : machine) {
            add(texts, file, textFiles(p, Label.MACHINE), p.getFileName().toString());
            sources.add("machine: " + p.getFileName());
        }
        for (Path p : datasets) {
            EvalDataset d = DatasetReader.read(p);
            add(texts, file, limited(d.items(), false), d.name());
            sources.add(d.name());
        }
        for (Path p : humanOnly) {
            EvalDataset d = DatasetReader.read(p);
            add(texts, file, limited(d.items(), true), d.name());
            sources.add(d.name() + " (human texts)");
        }
        texts = dedupe(texts);
        Function<LabeledText, String> set = t -> setName(file.get(t));
        Function<LabeledText, String> group = switch (groupBy) {
            case "file" -> set;
            case "source" -> t -> t.source().isEmpty() ? set.apply(t) : t.source();
            case "generator" -> generatorGroups(texts, set);
            default -> throw new DetectGptException("--group-by must be source, file or generator, not " + groupBy);
        };
        PrintWriter err = spec.commandLine().getErr();
        EnsembleFitter f = EnsembleFitter.forLanguage(lang.code()).withThreads(threads).withProgress(err::println);
        if (modelStatistics && pairFeatures != null) {
            throw new DetectGptException("--model-statistics and --pair-features: choose one model block");
        }
        if (modelStatistics) {
            f = f.withModelStatistics(models.loadModel(lang));
        }
        if (pairFeatures != null) {
            f = f.withPairFeatures(pairName(), OofPairFeatures.read(pairFeatures)::get);
        }
        if (lambdas != null) {
            f = f.withHeadFitter((lang == Language.CHINESE ? HeadFitter.chinese() : HeadFitter.english())
                .withLambdas(new double[] {lambdas.get(0)}, new double[] {lambdas.get(1)}).withProgress(err::println));
        }
        List<LabeledText> finalTexts = texts;
        EnsembleFitter.Result r = f.fit(texts, group, String.join(", ", sources));
        r.ensemble().write(out, r.facts());
        if (scores != null) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("criterion", "ensemble");
            o.put("language", lang.code());
            o.put("ensemble", out.toAbsolutePath().getFileName().toString());
            o.put("kind", "out-of-fold (grouped cross-validation)");
            o.set("human", Json.MAPPER.valueToTree(r.humanScores()));
            // the file of each human score: calibrate keeps every human source's false positives in bound
            o.set("human_sources", Json.MAPPER.valueToTree(
                java.util.Arrays.stream(r.humanTexts()).mapToObj(i -> file.get(finalTexts.get(i))).toList()));
            o.set("machine", Json.MAPPER.valueToTree(r.machineScores()));
            Files.writeString(scores, Json.MAPPER.writeValueAsString(o));
        }
        spec.commandLine().getOut().printf("wrote %s: %s%nheld-out AUROC by group: %s%n", out, r.ensemble().fittedOn(),
            r.facts().get("held_out_group_auroc"));
        return 0;
    }

    /**
     * @return the pair as the ensemble records it, {@code machine+human}, each as the user named it
     *     (a bundled name, a pulled repo id or a path): scoring loads the human side from it
     */
    private String pairName() {
        String m = models.model == null ? org.detectgpt.models.BundledModels.ENGLISH : models.model;
        String h = models.samplingModel == null ? org.detectgpt.models.BundledModels.ENGLISH_HUMAN : models.samplingModel;
        return m + "+" + h;
    }

    /**
     * Leave-one-generator-out groups: a machine text's group is its generator (families merged:
     * ChatGPT = GPT-3.5), or its file when unknown; human texts are dealt round-robin over those
     * groups, so each held-out generator is tested against a share of the human texts.
     */
    private static Function<LabeledText, String> generatorGroups(List<LabeledText> texts,
            Function<LabeledText, String> set) {
        Map<LabeledText, String> g = new java.util.IdentityHashMap<>();
        List<String> names = new ArrayList<>();
        for (LabeledText t : texts) {
            if (t.isMachine()) {
                String n = generatorFamily(t.generator().isEmpty() ? set.apply(t) : t.generator());
                g.put(t, n);
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        int i = 0;
        for (LabeledText t : texts) {
            if (!t.isMachine()) {
                g.put(t, names.isEmpty() ? "human" : names.get(i++ % names.size()));
            }
        }
        return g::get;
    }

    static String generatorFamily(String generator) {
        String k = generator.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (k.contains("chatgpt") || k.startsWith("gpt35")) {
            return "gpt-3.5";
        }
        if (k.startsWith("gpt4o")) {
            return "gpt-4o";
        }
        if (k.startsWith("gpt4")) {
            return "gpt-4";
        }
        return generator.toLowerCase(java.util.Locale.ROOT);
    }

    /** A data file's group: its data set's folder ({@code hc3-plus/en/train/x} → {@code hc3-plus}). */
    private static String setName(String datasetName) {
        int slash = datasetName.indexOf('/');
        return slash > 0 ? datasetName.substring(0, slash) : datasetName;
    }

    /** At most --limit texts of each label, spread evenly over the file (files are often sorted by generator). */
    private List<LabeledText> limited(List<LabeledText> items, boolean humanOnly) {
        List<LabeledText> out = new ArrayList<>();
        for (boolean machineLabel : new boolean[] {false, true}) {
            if (humanOnly && machineLabel) {
                continue;
            }
            List<LabeledText> of = items.stream().filter(t -> t.isMachine() == machineLabel).toList();
            int n = limit == null ? of.size() : Math.min(limit, of.size());
            for (int i = 0; i < n; i++) {
                out.add(of.get((int) ((long) i * of.size() / n)));
            }
        }
        return out;
    }

    private static void add(List<LabeledText> texts, Map<LabeledText, String> file, List<LabeledText> items, String name) {
        for (LabeledText t : items) {
            texts.add(t);
            file.put(t, name);
        }
    }

    /** Drops exact repeats (after whitespace collapsing), keeping the first: a text counted twice weighs twice. */
    private static List<LabeledText> dedupe(List<LabeledText> texts) {
        Map<String, LabeledText> seen = new LinkedHashMap<>();
        for (LabeledText t : texts) {
            seen.putIfAbsent(org.detectgpt.text.Whitespace.collapse(t.text()), t);
        }
        return List.copyOf(seen.values());
    }

    private static List<LabeledText> textFiles(Path p, Label label) throws DetectGptException {
        List<Path> files = InputFiles.of(p, List.of(".txt", ".md"));
        List<LabeledText> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(new LabeledText(Files.readString(f, StandardCharsets.UTF_8), label));
            } catch (IOException e) {
                throw new DetectGptException(f + ": cannot read as UTF-8 text: " + e.getMessage());
            }
        }
        return out;
    }
}
