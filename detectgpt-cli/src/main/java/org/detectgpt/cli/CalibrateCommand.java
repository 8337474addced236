package org.detectgpt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.report.ReportFiles;
import org.detectgpt.scan.ScanInputs;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.calibrate.Calibrator;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.detect.Detector;
import org.detectgpt.language.Language;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.Formats;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detectgpt calibrate}: a threshold for a target false-positive rate, from known-human texts. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Measure the threshold for a target false-positive rate on texts known to be human (e.g. a "
        + "class's essays from before these tools existed), with a bootstrap confidence interval, and save it for "
        + "'scan --calibration'. Each language with at least " + Calibrator.MIN_TEXTS + " scorable texts gets its "
        + "own calibration. Use the same model, criterion and minimum lengths as the scans it is for."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--human", arity = "1..*", required = true, paramLabel = "PATH",
        description = "Human-written documents: files, folders or globs.")
    List<String> human;

    @Option(names = "--fpr", defaultValue = "0.01", paramLabel = "RATE",
        description = "Target false-positive rate: the share of human texts that may be flagged. Default: ${DEFAULT-VALUE}.")
    double fpr;

    @Option(names = "--resamples", defaultValue = "2000", paramLabel = "N",
        description = "Bootstrap resamples for the confidence interval. Default: ${DEFAULT-VALUE}.")
    int resamples;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The calibration file to write (JSON).")
    Path out;

    @Override
    public Integer call() throws DetectGptException {
        scoring.check();
        if (!(fpr > 0 && fpr < 1)) {
            throw new IllegalArgumentException("--fpr must be between 0 and 1 (exclusive): " + fpr);
        }
        ScoringOptions.positive(resamples, "--resamples");
        ReportFiles.checkWritable(out);
        ScanInputs.Inputs inputs = ScoringOptions.expand(spec, human, Set.of(out));
        DocumentScorer scorer = scoring.scorer(models);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScoringOptions.warnSkipped(err, inputs);
        for (ScanInputs.Entry e : inputs.problems()) {
            err.println("detectgpt: left out " + e.path() + ": " + e.reason());
        }
        List<DocumentReport> reports = scoring.scan(spec, scoring.scanner(scorer), inputs.files(), Map.of(),
            r -> { }).reports();
        Map<Language, List<Double>> scores = new EnumMap<>(Language.class);
        for (DocumentReport r : reports) {
            if (r.verdict() == Verdict.ERROR || r.verdict() == Verdict.TOO_SHORT) {
                err.println("detectgpt: left out " + r.path() + ": " + r.verdict().label() + " (" + r.reason() + ")");
            } else {
                scores.computeIfAbsent(Language.fromCode(r.language()), k -> new ArrayList<>()).add(r.score());
            }
        }
        Calibrator calibrator = Calibrator.defaults().withTargetFpr(fpr).withResamples(resamples);
        List<Calibration> cals = new ArrayList<>();
        for (Map.Entry<Language, List<Double>> e : scores.entrySet()) {
            Language lang = e.getKey();
            double[] s = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            if (lang == Language.OTHER || s.length < Calibrator.MIN_TEXTS) {
                err.printf("detectgpt: %s: %d scorable texts, not calibrated (%s)%n", lang.code(), s.length,
                    lang == Language.OTHER ? "neither English nor Chinese" : "fewer than " + Calibrator.MIN_TEXTS);
                continue;
            }
            Detector d = scorer.models().forLanguage(lang);
            Calibration c = calibrator.calibrate(s, lang, ScanModels.modelName(d), d.model().info().parameters(),
                d.criterionName());
            cals.add(c);
            o.printf(Locale.ROOT, "%s: %d human texts; threshold %.4f for a target FPR of %s (%.0f%% CI %.4f to "
                + "%.4f); human median %.4f%n", lang.code(), c.size(), c.threshold(), Formats.percent(fpr),
                100 * c.confidence(), c.ciLow(), c.ciHigh(), c.humanMedian());
            if (c.size() * fpr < 5) {
                o.printf(Locale.ROOT, "  note: with %d texts only %.1f of them lie above a %s threshold, so it rests on "
                    + "the few highest scores; about %d texts would pin it down%n", c.size(), c.size() * fpr,
                    Formats.percent(fpr), (int) Math.ceil(20 / fpr));
            }
        }
        if (cals.isEmpty()) {
            throw new DetectGptException("no language had " + Calibrator.MIN_TEXTS
                + " scorable human texts of English or Chinese: nothing to calibrate");
        }
        new CalibrationSet(out.getFileName().toString(), cals).write(out);
        o.println("wrote " + out + "; use it with: detectgpt scan --calibration " + out + " ...");
        return 0;
    }
}
