package org.detectgpt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.report.ConsoleTable;
import org.detectgpt.report.CsvReport;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.HtmlReport;
import org.detectgpt.report.JsonlReport;
import org.detectgpt.report.ReportContext;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detectgpt scan}: many documents in, one verdict each, reports out. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = {"Scan documents (.txt .md .html .docx .pdf) for machine-written text: files, folders (recursive) "
        + "and globs. Verdicts: likely-machine, inconclusive, likely-human, too-short, error.",
        "Exit status: 0 when every document was read, 3 when some could not be (see their 'error' rows), "
            + "2 on usage errors, 1 when a model or calibration cannot be used."})
final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--calibration", paramLabel = "FILE",
        description = "Calibration from 'detectgpt calibrate': gives the verdicts. Default: the bundled model's "
            + "own calibration, when a bundled model is used; without any, no document is called likely-machine "
            + "or likely-human.")
    Path calibration;

    @Option(names = "--jsonl", paramLabel = "FILE", description = "Write one JSON line per document as each finishes.")
    Path jsonl;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write a CSV table at the end.")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report at the end.")
    Path html;

    @Option(names = "--resume", description = "Skip documents already in the --jsonl file (matched by content hash) "
        + "and append the others.")
    boolean resume;

    @Option(names = "--max-documents", paramLabel = "N",
        description = "Score at most N documents in this run, then stop (continue later with --resume).")
    Integer maxDocuments;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders or globs.")
    List<String> paths;

    @Override
    public Integer call() throws DetectGptException {
        scoring.check();
        if (resume && jsonl == null) {
            throw new IllegalArgumentException("--resume needs --jsonl FILE (the report to continue)");
        }
        if (maxDocuments != null) {
            ScoringOptions.positive(maxDocuments, "--max-documents");
        }
        List<Path> files = ScoringOptions.expand(spec, paths);
        DocumentScorer scorer = scoring.scorer(models);
        PrintWriter err = spec.commandLine().getErr();
        scorer = scoring.withCalibration(scorer, models, calibration, err);
        List<DocumentReport> previous = resume ? JsonlReport.read(jsonl) : List.of();
        Set<String> done = previous.stream().map(DocumentReport::sha256).filter(Objects::nonNull)
            .collect(Collectors.toSet());
        ScanResult result;
        try (JsonlReport out = jsonl == null ? null : JsonlReport.open(jsonl, resume)) {
            result = scoring.scan(spec, scoring.scanner(scorer)
                .withMaxDocuments(maxDocuments == null ? Integer.MAX_VALUE : maxDocuments), files, done, r -> {
                    if (out != null) {
                        out.write(r);
                    }
                });
        }
        List<DocumentReport> all = new ArrayList<>(previous);
        all.addAll(result.reports());
        all.sort(Comparator.comparing(DocumentReport::path));
        ConsoleTable.print(spec.commandLine().getOut(), all);
        if (result.skipped() > 0) {
            err.println("detectgpt: " + result.skipped() + " documents already in " + jsonl + " were skipped");
        }
        if (result.left() > 0) {
            err.println("detectgpt: stopped after " + maxDocuments + " documents; " + result.left()
                + " left: run the same command with --resume to continue");
        }
        ReportContext context = new ReportContext(scorer.models().describe(), scorer.models().criterion(),
            scorer.calibration(), scorer.minWords(), scorer.minChineseChars(), Instant.now());
        if (csv != null) {
            CsvReport.write(csv, all);
        }
        if (html != null) {
            HtmlReport.write(html, context, all);
        }
        return all.stream().anyMatch(r -> r.verdict() == Verdict.ERROR) ? Main.EXIT_SOME_FAILED : 0;
    }
}
