package org.detectgpt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.calibrate.Calibrator;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.Formats;
import org.detectgpt.report.ReportFiles;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ReportCalibration;
import org.detectgpt.scan.ScanInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detectgpt calibrate}: verdict thresholds from texts known to be human and texts known to be machine-written. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Measure the verdict rule on texts of known authorship and save it for 'scan --calibration': "
        + "likely-machine at or above the threshold that at most --fpr of the human texts reach, and at most "
        + "--source-fpr of each human source of " + Calibrator.MIN_SOURCE_TEXTS + " texts or more (with a bootstrap "
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
            + "tools existed); each PATH is a source.")
    List<String> human = new ArrayList<>();

    @Option(names = "--machine", arity = "1..*", paramLabel = "PATH",
        description = "Machine-written documents: files, folders or globs (e.g. essays an assistant wrote on your "
            + "assignments).")
    List<String> machine = new ArrayList<>();

    @Option(names = "--scores", paramLabel = "FILE", arity = "1..*",
        description = "Out-of-fold scores written by 'fit-ensemble --scores' (one file per language) instead of "
            + "scanning documents; each training file of human texts is a source.")
    List<Path> scores = new ArrayList<>();

    @Option(names = "--machine-dataset", paramLabel = "FILE", arity = "1..*",
        description = "Labelled data sets (JSONL, fast-detect-gpt JSON, MixSet) whose MACHINE texts join the machine "
            + "side (whitespace collapsed, scored like documents); their human texts are not used.")
    List<Path> machineDatasets = new ArrayList<>();

    @Option(names = "--fpr", defaultValue = "0.01", paramLabel = "RATE",
        description = "F: the share of human texts that may be called likely-machine. Default: ${DEFAULT-VALUE}.")
    double fpr;

    @Option(names = "--source-fpr", paramLabel = "RATE",
        description = "G: the share of each human source's texts that may be called likely-machine (a pooled F can "
            + "hide one kind of writer flagged far more often). Default: F.")
    Double sourceFpr;

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
        if (sourceFpr != null) {
            ScoringOptions.rate(sourceFpr, "--source-fpr");
        }
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
        ReportCalibration rc = ReportCalibration.empty();
        for (Path f : scores) {
            rc = rc.withScoresFile(f);
        }
        for (String h : human) {
            rc = rc.withHuman(scan(scorer, List.of(h), err), h);
        }
        rc = rc.withMachine(scan(scorer, machine, err));
        for (Path f : machineDatasets) {
            rc = rc.withMachineDataset(leftOut(ReportCalibration.scoreMachineTexts(scorer, f), err));
        }
        Calibrator calibrator = Calibrator.defaults().withTargetFpr(fpr).withTargetFnr(fnr).withPrior(prior)
            .withResamples(resamples).withForce(force);
        if (sourceFpr != null) {
            calibrator = calibrator.withSourceFpr(sourceFpr);
        }
        PrintWriter o = spec.commandLine().getOut();
        List<Calibration> cals = new ArrayList<>();
        for (ReportCalibration.Outcome r : rc.calibrate(calibrator, scorer.models())) {
            if (r.calibration().isEmpty()) {
                err.printf("detectgpt: %s: %d human and %d machine scorable texts, not calibrated (each class needs "
                    + "%d%s)%n", r.language().code(), r.human(), r.machine(), calibrator.minTexts(),
                    force ? "" : "; --force accepts " + Calibrator.MIN_FORCED_TEXTS);
                continue;
            }
            Calibration c = r.calibration().get();
            int machineTexts = r.machine();
            cals.add(c);
            o.printf(Locale.ROOT, "%s: %d human, %d machine texts; likely-machine at or above %.4f (F = %s; %.0f%% CI "
                + "%.4f to %.4f)%s%n", r.language().code(), c.size(), machineTexts, c.threshold(), Formats.percent(fpr),
                100 * c.confidence(), c.ciLow(), c.ciHigh(), machineTexts == 0 ? "; no machine texts"
                    : String.format(Locale.ROOT, "; likely-human below %.4f (M = %s)", c.humanThreshold(),
                        Formats.percent(fnr)));
            for (Calibration.SourceRate s : c.sourceRates()) {
                o.printf(Locale.ROOT, "  %s: %d human texts, %d likely-machine (%.1f%%)%s%n", s.source(), s.texts(),
                    s.likelyMachine(), 100 * s.rate(), s.bounded() ? ""
                        : "; under " + Calibrator.MIN_SOURCE_TEXTS + " texts: not held to --source-fpr");
            }
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

    /** @return the reports of the documents named by {@code paths}, telling on stderr which give no score */
    private List<DocumentReport> scan(DocumentScorer scorer, List<String> paths, PrintWriter err)
            throws DetectGptException {
        if (paths.isEmpty()) {
            return List.of();
        }
        ScanInputs.Inputs inputs = ScoringOptions.expand(spec, paths, Set.of(out));
        ScoringOptions.warnSkipped(err, inputs);
        for (ScanInputs.Entry e : inputs.problems()) {
            err.println("detectgpt: left out " + e.path() + ": " + e.reason());
        }
        return leftOut(scoring.scan(spec, scoring.scanner(scorer), inputs.files(), Map.of(), x -> { }).reports(), err);
    }

    private static List<DocumentReport> leftOut(List<DocumentReport> reports, PrintWriter err) {
        ReportCalibration.leftOut(reports).forEach(line -> err.println("detectgpt: left out " + line));
        return reports;
    }
}
