package org.detectgpt.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.detectgpt.DetectGptException;

/**
 * The CSV report (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read
 * accents and Chinese right): one row per document, no sentences.
 *
 * <p>Text cells that start with {@code = + - @} get a leading apostrophe: a spreadsheet would
 * otherwise run a file name like {@code =HYPERLINK(...)} as a formula.
 */
public final class CsvReport {
    /** The header row. */
    public static final List<String> COLUMNS = List.of("path", "verdict", "probability", "score", "human_percentile",
        "machine_percentile", "language", "words", "model", "criterion", "reason", "sha256");

    private CsvReport() {}

    /**
     * @param file the file to write
     * @param reports the documents
     * @throws DetectGptException if it cannot be written
     */
    public static void write(Path file, List<DocumentReport> reports) throws DetectGptException {
        ReportFiles.writeAtomically(file, w -> {
            w.write('\uFEFF');
            row(w, COLUMNS);
            for (DocumentReport d : reports) {
                Row r = Row.of(d);
                row(w, List.of(text(r.path()), r.label(), Formats.probability(r.probability()),
                    Formats.score(r.score()), Formats.percentile(r.humanPercentile()),
                    Formats.percentile(r.machinePercentile()), nullToEmpty(r.language()),
                    r.words() < 0 ? "" : Integer.toString(r.words()), text(r.model()), text(r.criterion()),
                    text(r.reason()), nullToEmpty(r.sha256())));
            }
        });
    }

    private static void row(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(cells.get(i)));
        }
        w.write("\r\n");
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
