package org.detectgpt.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: bar, count, rate and ETA, redrawn in place at most ten times
 * a second. Silent when stderr is not a terminal (redirected to a log, piped, under a test) or
 * when the user asked for quiet: carriage returns make a mess of log files.
 *
 * <p>Hand-written (some 60 lines) rather than a library: the ones on Maven Central bring a
 * terminal library (JLine) for what a carriage return does here.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final boolean enabled;
    private final String unit;
    private final boolean bytes;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    /**
     * @param err stderr
     * @param enabled whether to draw at all
     * @param unit what is counted, e.g. "docs"; "bytes" shows sizes in MB
     */
    ProgressBar(PrintWriter err, boolean enabled, String unit) {
        this.err = err;
        this.enabled = enabled;
        this.unit = unit;
        this.bytes = unit.equals("bytes");
    }

    /** @return whether stderr is an interactive terminal (System.console() is null otherwise) */
    static boolean stderrIsTerminal() {
        return System.console() != null;
    }

    synchronized void update(long done, long total) {
        long now = System.nanoTime();
        if (!enabled || (done < total && now - lastDraw < 100_000_000L)) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / seconds;
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, WIDTH * done / total);
        String eta = rate > 0 && done < total ? clock((long) ((total - done) / rate)) : done >= total ? "done" : "--:--";
        String u = bytes ? "" : " " + unit;
        err.print(String.format(Locale.ROOT, "\r[%s%s] %s/%s%s  %s%s/s  ETA %s ", "#".repeat(filled),
            "-".repeat(WIDTH - filled), amount(done), amount(total), u, amount(rate), u, eta));
        err.flush();
        drawn = true;
    }

    synchronized void finish() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    private String amount(double v) {
        return bytes ? String.format(Locale.ROOT, "%.1f MB", v / 1e6)
            : v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String clock(long s) {
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
