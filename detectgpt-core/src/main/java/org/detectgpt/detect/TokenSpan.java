package org.detectgpt.detect;

/**
 * Where one scored token sits in the scored text: the characters {@code [start, end)} (UTF-16
 * offsets, as {@link String#substring}); empty for a token that covers no text.
 *
 * @param start the first character
 * @param end the end, exclusive
 */
public record TokenSpan(int start, int end) {
    /** Checks the span. */
    public TokenSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span [" + start + ", " + end + ")");
        }
    }
}
