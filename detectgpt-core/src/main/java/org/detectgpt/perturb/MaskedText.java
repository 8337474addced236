package org.detectgpt.perturb;

import java.util.List;
import java.util.Objects;

/**
 * A text with some spans of words replaced by sentinels {@code <extra_id_0>}, {@code <extra_id_1>},
 * … in reading order, as T5 was pre-trained to fill.
 *
 * @param original the text before masking
 * @param masked the text with one sentinel per span (words joined by single spaces)
 * @param spans the masked spans, in reading order, as positions in the original's words
 */
public record MaskedText(String original, String masked, List<Span> spans) {
    /**
     * A masked span.
     *
     * @param start index of its first word in {@code original.split(" ", -1)}
     * @param words number of words it covered
     */
    public record Span(int start, int words) {}

    /** Checks and copies. */
    public MaskedText {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(masked, "masked");
        spans = List.copyOf(spans);
    }

    /** @return the number of sentinels */
    public int masks() {
        return spans.size();
    }
}
