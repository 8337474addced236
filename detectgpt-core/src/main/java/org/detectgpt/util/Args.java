package org.detectgpt.util;

import java.util.Locale;

/**
 * Argument checks with message templates, in one place (after Commons Statistics'
 * {@code ArgumentUtils}). Every check throws {@link IllegalArgumentException} with a message
 * formatted from the template and the offending values: these guard programming errors, not
 * user input (user input problems are {@link org.detectgpt.DetectGptException}s).
 */
public final class Args {
    private Args() {}

    /**
     * @param condition must hold
     * @param template {@link String#format} template of the message
     * @param args values for the template
     */
    public static void check(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, template, args));
        }
    }

    /** @return {@code value} when it is strictly positive */
    public static int positive(int value, String name) {
        check(value > 0, "%s must be positive: %d", name, value);
        return value;
    }

    /** @return {@code value} when it is zero or positive */
    public static int nonNegative(int value, String name) {
        check(value >= 0, "%s must not be negative: %d", name, value);
        return value;
    }

    /** @return {@code value} when it lies in the closed interval [lo, hi] */
    public static double inRange(double value, double lo, double hi, String name) {
        check(value >= lo && value <= hi, "%s must be in [%s, %s]: %s", name, lo, hi, value);
        return value;
    }

    /** @return {@code value} when it is not null */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }
}
