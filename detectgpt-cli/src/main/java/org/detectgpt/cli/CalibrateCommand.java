package org.detectgpt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.calibrate.Calibrator;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.LabeledText;
import org.detectgpt.detect.Detector;
import org.detectgpt.language.Language;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.Formats;
import org.detectgpt.report.ReportFiles;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanInputs;
import org.detectgpt.scan.ScanModels;
import org.detectgpt.text.Whitespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detectgpt calibrate}: verdict thresholds from texts known to be human and texts known to be machine-written. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Measure the verdict rule on texts of known authorship and save it for 'scan --calibration': "
        + "likely-machine at or above the threshold that at most --fpr of the human texts reach (with a bootstrap "
        + "confidence interval), likely-human below the score that at most --fnr of the machine texts fall under, "
        + "and P(machine) fitted on both. Each language with at least " + Calibrator.MIN_TEXTS + " scorable texts "
        + "of a class gets its own calibration. Without --machine, scans borrow the machine scores of the bundled "
        + "calibration of the same model and criterion (and say so). Use the same model, criterion and minimum "
        + "lengths as the scans it is for."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--human", arity = "1..*", paramLabel = "PATH",
        description = "Human-written documents: files, folders or globs (e.g. a class's essays from before these "
            + "tools existed).")
    List<String> human = new ArrayList<>();

    @Option(names = "--machine", arity = "1..*", paramLabel = "PATH",
        description = "Machine-written documents: files, folders or globs (e.g. essays an assistant wrote on your "
            + "assignments).")
    List<String> machine = new ArrayList<>();

    @Option(names = "--scores", paramLabel = "FILE", arity = "1..*",
        description = "Out-of-fold scores written by 'fit-ensemble --scores' (one file per language) instead of "
            + "scanning documents.")
    List<Path> scores = new ArrayList<>();

    @Option(names = "--machine-dataset", paramLabel = "FILE", arity = "1..*",
        description = "Labelled data sets (JSONL, fast-detect-gpt JSON, MixSet) whose MACHINE texts join the machine "
            + "side (whitespace collapsed, scored like documents); their human texts are not used.")
    List<Path> machineDatasets = new ArrayList<>();

    @Option(names = "--fpr", defaultValue = "0.01", paramLabel = "RATE",
        description = "F: the share of human texts that may be called likely-machine. Default: ${DEFAULT-VALUE}.")
    double fpr;

    @Option(names = "--fnr", defaultValue = "0.05", paramLabel = "RATE",
        description = "M: the share of machine texts that may be called likely-human. Default: ${DEFAULT-VALUE}.")
    double fnr;

    @Option(names = "--prior", defaultValue = "0.5", paramLabel = "P",
        description = "Share of machine texts P(machine) assumes. Default: ${DEFAULT-VALUE}.")
    double prior;

    @Option(names = "--force",
        description = "Accept as few as " + Calibrator.MIN_FORCED_TEXTS + " texts of a class (the interval shows how "
            + "little such a threshold means).")
    boolean force;

    @Option(names = "--resamples", defaultValue = "2000", paramLabel = "N",
        description = "Bootstrap resamples for the confidence interval. Default: ${DEFAULT-VALUE}.")
    int resamples;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The calibration file to write (JSON).")
    Path out;

    @Override
    public Integer call() throws DetectGptException, IOException {
        scoring.check();
        ScoringOptions.rate(fpr, "--fpr");
        ScoringOptions.rate(fnr, "--fnr");
        ScoringOptions.rate(prior, "--prior");
        ScoringOptions.positive(resamples, "--resamples");
        ReportFiles.checkWritable(out);
        if (scores.isEmpty() && human.isEmpty()) {
            throw new IllegalArgumentException(machine.isEmpty() ? "give --human PATH (and --machine PATH) or --scores FILE"
                : "--machine without --human: a calibration needs texts known to be human (the false-positive rate "
                    + "is measured on them)");
        }
        DocumentScorer scorer = scoring.scorer(models);
        PrintWriter err = spec.commandLine().getErr();
        Map<Language, List<Double>> h = new EnumMap<>(Language.class);
        Map<Language, List<Double>> m = new EnumMap<>(Language.class);
        // which sources gave each language's machine scores, for the calibration's report
        Map<Language, Set<String>> machineFrom = new EnumMap<>(Language.class);
        Map<Language, Integer> before = counts(m);
        for (Path f : scores) {
            readScores(f, h, m);
        }
        credit(m, before, "out-of-fold scores of the training texts", machineFrom);
        scan(scorer, human, h, err);
        before = counts(m);
        scan(scorer, machine, m, err);
        credit(m, before, "calibration texts", machineFrom);
        before = counts(m);
        for (Path f : machineDatasets) {
            List<DocumentReport> rs = new ArrayList<>();
            int k = 0;
            for (LabeledText t : DatasetReader.read(f).items()) {
                if (t.isMachine()) {
                    byte[] b = Whitespace.collapse(t.text()).getBytes(StandardCharsets.UTF_8);
                    rs.add(scorer.score(f.getFileName() + "#" + k++ + ".txt", DocumentScorer.sha256(b), b));
                }
            }
            add(rs, m, err);
        }
        credit(m, before, "machine texts of labelled data sets", machineFrom);
        Calibrator calibrator = Calibrator.defaults().withTargetFpr(fpr).withTargetFnr(fnr).withPrior(prior)
            .withResamples(resamples).withForce(force);
        PrintWriter o = spec.commandLine().getOut();
        List<Calibration> cals = new ArrayList<>();
        for (Language lang : List.of(Language.ENGLISH, Language.CHINESE)) {
            double[] hs = doubles(h.get(lang));
            double[] ms = doubles(m.get(lang));
            if (hs.length == 0 && ms.length == 0) {
                continue;
            }
            if (hs.length < calibrator.minTexts() || (ms.length > 0 && ms.length < calibrator.minTexts())) {
                err.printf("detectgpt: %s: %d human and %d machine scorable texts, not calibrated (each class needs "
                    + "%d%s)%n", lang.code(), hs.length, ms.length, calibrator.minTexts(),
                    force ? "" : "; --force accepts " + Calibrator.MIN_FORCED_TEXTS);
                continue;
            }
            Detector d = scorer.models().forLanguage(lang);
            Calibration c = calibrator.calibrate(hs, ms, ms.length == 0 ? "none"
                : String.join(" + ", machineFrom.get(lang)), lang,
                ScanModels.modelName(d), d.model().info().parameters(), d.criterionName());
            cals.add(c);
            o.printf(Locale.ROOT, "%s: %d human, %d machine texts; likely-machine at or above %.4f (F = %s; %.0f%% CI "
                + "%.4f to %.4f)%s%n", lang.code(), c.size(), ms.length, c.threshold(), Formats.percent(fpr),
                100 * c.confidence(), c.ciLow(), c.ciHigh(), ms.length == 0 ? "; no machine texts"
                    : String.format(Locale.ROOT, "; likely-human below %.4f (M = %s)", c.humanThreshold(),
                        Formats.percent(fnr)));
            if (c.size() * fpr < 5) {
                o.printf(Locale.ROOT, "  note: with %d texts only %.1f of them lie above a %s threshold, so it rests on "
                    + "the few highest scores; about %d texts would pin it down%n", c.size(), c.size() * fpr,
                    Formats.percent(fpr), (int) Math.ceil(20 / fpr));
            }
        }
        if (cals.isEmpty()) {
            throw new DetectGptException("no language had " + calibrator.minTexts()
                + " scorable human texts of English or Chinese: nothing to calibrate");
        }
        new CalibrationSet(out.getFileName().toString(), cals).write(out);
        o.println("wrote " + out + "; use it with: detectgpt scan --calibration " + out + " ...");
        return 0;
    }

    private static Map<Language, Integer> counts(Map<Language, List<Double>> scores) {
        Map<Language, Integer> n = new EnumMap<>(Language.class);
        scores.forEach((l, s) -> n.put(l, s.size()));
        return n;
    }

    /** Records {@code source} for every language whose scores grew since {@code before}. */
    private static void credit(Map<Language, List<Double>> scores, Map<Language, Integer> before, String source,
            Map<Language, Set<String>> from) {
        scores.forEach((l, s) -> {
            if (s.size() > before.getOrDefault(l, 0)) {
                from.computeIfAbsent(l, k -> new java.util.LinkedHashSet<>()).add(source);
            }
        });
    }

    private void scan(DocumentScorer scorer, List<String> paths, Map<Language, List<Double>> into, PrintWriter err)
            throws DetectGptException {
        if (paths.isEmpty()) {
            return;
        }
        ScanInputs.Inputs inputs = ScoringOptions.expand(spec, paths, Set.of(out));
        ScoringOptions.warnSkipped(err, inputs);
        for (ScanInputs.Entry e : inputs.problems()) {
            err.println("detectgpt: left out " + e.path() + ": " + e.reason());
        }
        add(scoring.scan(spec, scoring.scanner(scorer), inputs.files(), Map.of(), x -> { }).reports(), into, err);
    }

    private static void add(List<DocumentReport> reports, Map<Language, List<Double>> into, PrintWriter err) {
        for (DocumentReport r : reports) {
            if (r instanceof DocumentReport.Scored s && Double.isFinite(s.score())) {
                into.computeIfAbsent(Language.fromCode(s.language()), k -> new ArrayList<>()).add(s.score());
            } else {
                err.println("detectgpt: left out " + r.path() + ": " + r.label() + " (" + r.note().orElse(null) + ")");
            }
        }
    }

    private static void readScores(Path file, Map<Language, List<Double>> h, Map<Language, List<Double>> m)
            throws DetectGptException {
        try {
            JsonNode j = Json.MAPPER.readTree(Files.readString(file));
            Language lang = Language.fromCode(j.path("language").asText("en"));
            for (JsonNode v : j.path("human")) {
                h.computeIfAbsent(lang, k -> new ArrayList<>()).add(v.asDouble());
            }
            for (JsonNode v : j.path("machine")) {
                m.computeIfAbsent(lang, k -> new ArrayList<>()).add(v.asDouble());
            }
            if (!j.has("human")) {
                throw new DetectGptException(file + ": not a scores file of 'fit-ensemble --scores' (no \"human\")");
            }
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static double[] doubles(List<Double> l) {
        return l == null ? new double[0] : l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
