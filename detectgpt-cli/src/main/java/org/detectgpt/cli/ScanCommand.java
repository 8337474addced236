package org.detectgpt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.report.ConsoleTable;
import org.detectgpt.report.CsvReport;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.HtmlReport;
import org.detectgpt.report.JsonlReport;
import org.detectgpt.report.ReportContext;
import org.detectgpt.report.ReportFiles;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanInputs;
import org.detectgpt.scan.ScanJournal;
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

    @Option(names = "--resume", description = "Continue the --jsonl file: documents whose content it already holds "
        + "are not scored again (each still gets its row under its current path); the others are appended.")
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
        // before any scoring: a report that cannot be written must not cost an overnight scan
        for (Path p : new Path[] {jsonl, csv, html}) {
            if (p != null) {
                ReportFiles.checkWritable(p);
            }
        }
        Set<Path> outputs = new HashSet<>();
        for (Path p : new Path[] {jsonl, csv, html}) {
            if (p != null) {
                outputs.add(p);
            }
        }
        ScanInputs.Inputs inputs = ScoringOptions.expand(spec, paths, outputs);
        List<Path> files = inputs.files();
        DocumentScorer scorer = scoring.scorer(models);
        PrintWriter err = spec.commandLine().getErr();
        ScoringOptions.warnSkipped(err, inputs);
        scorer = scoring.withCalibration(scorer, models, calibration, ScoringOptions.notesTo(err));
        ScanJournal journal = resume ? ScanJournal.of(JsonlReport.read(jsonl)) : ScanJournal.empty();
        String criterion = scorer.models().criterion();
        List<DocumentReport> all = new ArrayList<>();
        for (ScanInputs.Entry e : inputs.problems()) {
            all.add(new DocumentReport.Failed(e.path().toString(), Optional.empty(), criterion, e.reason()));
        }
        ScanResult result;
        try (JsonlReport out = jsonl == null ? null : JsonlReport.open(jsonl, resume)) {
            if (out != null) {
                for (DocumentReport r : all) {
                    out.write(r);
                }
            }
            result = scoring.scan(spec, scoring.scanner(scorer)
                .withMaxDocuments(maxDocuments == null ? Integer.MAX_VALUE : maxDocuments), files, journal.byContent(),
                r -> {
                    if (out != null && journal.isNew(r)) {
                        out.write(r);
                    }
                });
        }
        all.addAll(result.reports());
        all.sort(Comparator.comparing(DocumentReport::path));
        ConsoleTable.print(spec.commandLine().getOut(), all);
        if (result.skipped() > 0) {
            err.println("detectgpt: " + result.skipped() + " documents already in " + jsonl
                + " (same content) were not scored again");
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
        return all.stream().anyMatch(r -> r instanceof DocumentReport.Failed) ? Main.EXIT_SOME_FAILED : 0;
    }
}
