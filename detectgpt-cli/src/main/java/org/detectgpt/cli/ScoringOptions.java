package org.detectgpt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Set;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.Detector;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.nn.EngineThreads;
import org.detectgpt.models.ModelSet;
import org.detectgpt.report.ConsoleTable;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanInputs;
import org.detectgpt.scan.ScanListener;
import org.detectgpt.scan.ScanModels;
import org.detectgpt.scan.ScanResult;
import org.detectgpt.scan.BatchScan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by the commands that read and score documents ({@code scan}, {@code calibrate}). */
final class ScoringOptions {
    @Option(names = "--model-zh", paramLabel = "MODEL",
        description = "Model for Chinese texts (same forms as --model; --sampling-model is not used with it). "
            + "Default: the --model.")
    String modelZh;

    @Option(names = {"-c", "--criterion"}, defaultValue = "ensemble", paramLabel = "NAME",
        description = "Criterion: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
        completionCandidates = CriterionNames.class)
    String criterion;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
        description = "Documents scored in parallel. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--min-words", defaultValue = "" + DocumentScorer.DEFAULT_MIN_WORDS, paramLabel = "N",
        description = "Texts shorter than this get no verdict (inconclusive, scored for reference); under "
            + DocumentScorer.FLOOR_WORDS + " words they are too-short, not scored. Default: ${DEFAULT-VALUE} words.")
    int minWords;

    @Option(names = "--min-chars-zh", defaultValue = "" + DocumentScorer.DEFAULT_MIN_CHINESE_CHARS, paramLabel = "N",
        description = "The same for Chinese texts, in characters (floor " + DocumentScorer.FLOOR_CHINESE_CHARS
            + "). Default: ${DEFAULT-VALUE}.")
    int minCharsZh;

    @Option(names = "--max-chars", defaultValue = "" + DocumentReader.DEFAULT_MAX_CHARS, paramLabel = "N",
        description = "Longer texts are reported as errors (cap on extracted characters). Default: ${DEFAULT-VALUE}.")
    int maxChars;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar (it is off anyway when stderr is not a terminal).")
    boolean quiet;

    /** Checks the numbers and the criterion before any model is loaded. */
    void check() {
        if (!Criteria.isKnown(criterion)) {
            throw new IllegalArgumentException("unknown criterion '" + criterion + "' (known: "
                + String.join(", ", Criteria.names()) + ")");
        }
        positive(threads, "--threads");
        positive(minWords, "--min-words");
        positive(minCharsZh, "--min-chars-zh");
        positive(maxChars, "--max-chars");
    }

    static void rate(double v, String option) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException(option + " must be between 0 and 1 (exclusive): " + v);
        }
    }

    static void positive(int v, String option) {
        if (v < 1) {
            throw new IllegalArgumentException(option + " must be at least 1: " + v);
        }
    }

    /** @return the documents named by PATH arguments, less {@code exclude}; a missing one is a usage error */
    static ScanInputs.Inputs expand(CommandSpec spec, List<String> paths, Set<Path> exclude) {
        try {
            return ScanInputs.collect(paths, exclude);
        } catch (DetectGptException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Most skipped entries listed one by one; past that a count, so a folder of photos does not flood stderr. */
    static final int SKIPPED_LISTED = 20;

    /** Tells on stderr which folder entries were left out and why (never silently). */
    static void warnSkipped(PrintWriter err, ScanInputs.Inputs inputs) {
        List<ScanInputs.Entry> s = inputs.skipped();
        if (s.isEmpty()) {
            return;
        }
        err.println("detectgpt: " + s.size() + (s.size() == 1 ? " entry" : " entries") + " skipped:");
        for (int i = 0; i < Math.min(s.size(), SKIPPED_LISTED); i++) {
            err.println("  " + ConsoleTable.printable(s.get(i).path().toString()) + ": " + s.get(i).reason());
        }
        if (s.size() > SKIPPED_LISTED) {
            err.println("  … and " + (s.size() - SKIPPED_LISTED) + " more");
        }
    }

    /** Loads the models and builds the document scorer (no calibration yet). */
    DocumentScorer scorer(ModelOptions models) throws DetectGptException {
        models.checkPairFor(List.of(criterion));
        ModelSet set = models.set(modelZh);
        return DocumentScorer.of(ScanModels.of(set.loadEach((m, s) -> detector(set, m, s)))).withMinWords(minWords)
            .withMinChineseChars(minCharsZh).withReader(DocumentReader.defaults().withMaxChars(maxChars));
    }

    private Detector detector(ModelSet set, CausalLm model, CausalLm sampling) throws DetectGptException {
        Criterion c = Criteria.forName(criterion, model);
        return Detector.builder().setModel(model)
            .optSamplingModel(set.samplingFor(sampling, c).orElse(null))
            .setCriterion(c).build();
    }

    /**
     * Applies the user's calibration ({@code file}, or null), or else the bundled one of the default model;
     * {@code notes} hears what was borrowed or why no document gets a verdict.
     */
    DocumentScorer withCalibration(DocumentScorer scorer, ModelOptions models, Path file, Consumer<String> notes)
            throws DetectGptException {
        Optional<Path> bundled = models.set(modelZh).bundledCalibration();
        return scorer.withCalibration(file == null ? Optional.empty() : Optional.of(CalibrationSet.read(file)),
            bundled.isPresent() ? Optional.of(CalibrationSet.read(bundled.get())) : Optional.empty(),
            notes);
    }

    /** @return a note sink that prints each note as one {@code detectgpt:} line on {@code err} */
    static Consumer<String> notesTo(PrintWriter err) {
        return note -> err.println("detectgpt: " + note);
    }

    /** @return a scanner on {@code --threads} threads, each with its share of the cores */
    BatchScan scanner(DocumentScorer scorer) {
        EngineThreads.share(threads);
        return BatchScan.of(scorer).withThreads(threads);
    }

    /** Receives each finished document (e.g. writes it to the JSON Lines report). */
    interface Sink {
        void accept(DocumentReport r) throws DetectGptException;
    }

    /**
     * Scans with a progress bar on stderr (unless quiet or not a terminal).
     *
     * @param spec the command, for its stderr
     * @param scanner the scanner
     * @param files the documents
     * @param previous reports already made, by content hash (resume)
     * @param sink told of each finished document
     * @return what the scan did
     */
    ScanResult scan(CommandSpec spec, BatchScan scanner, List<Path> files, Map<String, DocumentReport> previous,
            Sink sink) throws DetectGptException {
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), !quiet && ProgressBar.stderrIsTerminal(),
            "docs");
        try {
            return scanner.scan(files, previous, new ScanListener() {
                @Override
                public void finished(DocumentReport r) throws DetectGptException {
                    sink.accept(r);
                }

                @Override
                public void progress(int done, int total) {
                    bar.update(done, total);
                }
            });
        } finally {
            bar.finish();
        }
    }
}
