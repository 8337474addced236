package org.detectgpt.report;

import java.util.Locale;

/** Number formats shared by the reports, so the console, CSV and HTML show the same digits. */
public final class Formats {
    private Formats() {}

    /** @return the score with 4 decimals, or "" when NaN */
    public static String score(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** @return P(machine) as a percentage without decimals, or "" for NaN */
    public static String probability(double p) {
        return Double.isNaN(p) ? "" : String.format(java.util.Locale.ROOT, "%.0f%%", 100 * p);
    }

    /** @return the percentile with 1 decimal, or "" when NaN */
    public static String percentile(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** @return a rate as a percentage, e.g. 0.01 → "1%" */
    public static String percent(double rate) {
        double p = 100 * rate;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%s", p))
            + "%";
    }
}
