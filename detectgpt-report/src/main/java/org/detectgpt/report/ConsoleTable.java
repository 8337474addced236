package org.detectgpt.report;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The console report: a fixed-width table, one row per document, and the counts per verdict. */
public final class ConsoleTable {
    private static final int NOTE_WIDTH = 60;

    private ConsoleTable() {}

    /**
     * @param out where to print
     * @param reports the documents, in the order to show
     */
    public static void print(PrintWriter out, List<DocumentReport> reports) {
        int pathWidth = Math.min(60, Math.max(4, reports.stream().mapToInt(r -> r.path().length()).max().orElse(4)));
        String fmt = "%-14s %5s %9s %6s %6s %-5s %11s  %-" + pathWidth + "s  %s%n";
        out.printf(fmt, "VERDICT", "P(M)", "SCORE", "H-PCTL", "M-PCTL", "LANG", "LENGTH", "FILE", "NOTE");
        for (DocumentReport d : reports) {
            Row r = Row.of(d);
            out.printf(fmt, r.label(), Formats.probability(r.probability()), Formats.score(r.score()),
                Formats.percentile(r.humanPercentile()), Formats.percentile(r.machinePercentile()),
                r.language() == null ? "" : r.language(),
                r.words() < 0 ? "" : r.words() + ("zh".equals(r.language()) ? " chars" : " words"),
                ellipsize(printable(r.path()), pathWidth), r.reason() == null ? "" : truncate(printable(r.reason()),
                    NOTE_WIDTH));
        }
        out.println(summary(reports));
        out.flush();
    }

    /** @return e.g. "12 documents: 1 likely-machine, 6 inconclusive, 3 likely-human, 1 too-short, 1 error" */
    public static String summary(List<DocumentReport> reports) {
        Map<String, Integer> counts = new HashMap<>();
        reports.forEach(r -> counts.merge(r.label(), 1, Integer::sum));
        StringBuilder b = new StringBuilder().append(reports.size()).append(" documents");
        String sep = ": ";
        for (String v : DocumentReport.LABELS) {
            b.append(sep).append(counts.getOrDefault(v, 0)).append(' ').append(v);
            sep = ", ";
        }
        return b.toString();
    }

    /**
     * @param s a file name or note
     * @return it with control characters shown as escapes ({@code \n}, {@code \t}, {@code \x1b}):
     *     a newline in a file name must not break the table into a fake row
     */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** Keeps the end of a path: the file name matters most. */
    private static String ellipsize(String s, int width) {
        return s.length() <= width ? s : "…" + s.substring(s.length() - width + 1);
    }

    /** Keeps the start of a note: the reason comes first. */
    private static String truncate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
