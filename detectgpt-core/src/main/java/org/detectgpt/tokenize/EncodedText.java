package org.detectgpt.tokenize;

import org.detectgpt.util.Args;

/**
 * A text's token ids with where each token sits in it: token {@code i} covers the characters
 * {@code [start(i), end(i))} of the encoded text (UTF-16 offsets, as {@link String#substring}).
 * A token that covers no text (BOS, EOS, a dummy-prefix space) has an empty span where it sits; a
 * byte token that covers part of a character (byte fallback, byte-level BPE) has the span of that
 * whole character, so neighbouring spans may overlap. Starts never decrease. Immutable.
 */
public final class EncodedText {
    private final int[] ids;
    private final int[] starts;
    private final int[] ends;

    /**
     * @param ids the token ids
     * @param starts each token's first character
     * @param ends each token's end (exclusive), at least its start
     * @throws IllegalArgumentException if the lengths differ or a span is reversed
     */
    public EncodedText(int[] ids, int[] starts, int[] ends) {
        Args.check(ids.length == starts.length && ids.length == ends.length, "%d ids, %d starts, %d ends",
            ids.length, starts.length, ends.length);
        for (int i = 0; i < ids.length; i++) {
            Args.check(0 <= starts[i] && starts[i] <= ends[i], "token %d: span [%d, %d)", i, starts[i], ends[i]);
        }
        this.ids = ids.clone();
        this.starts = starts.clone();
        this.ends = ends.clone();
    }

    /** @return a copy of the ids */
    public int[] ids() {
        return ids.clone();
    }

    /** @return the number of tokens */
    public int size() {
        return ids.length;
    }

    /** @return token {@code i}'s id */
    public int id(int i) {
        return ids[i];
    }

    /** @return the first character of token {@code i} */
    public int start(int i) {
        return starts[i];
    }

    /** @return the end (exclusive) of token {@code i} */
    public int end(int i) {
        return ends[i];
    }

    /**
     * @param utf16 the text, as Java strings hold it
     * @param codePointStarts starts counted in code points (what Rust tokenizers report)
     * @param codePointEnds ends counted in code points
     * @param ids the ids
     * @return the spans in UTF-16 offsets
     */
    static EncodedText fromCodePoints(String utf16, int[] ids, int[] codePointStarts, int[] codePointEnds) {
        int[] cp = new int[utf16.codePointCount(0, utf16.length()) + 1];
        for (int c = 0, i = 0; i < utf16.length(); c++) {
            cp[c] = i;
            i += Character.charCount(utf16.codePointAt(i));
        }
        cp[cp.length - 1] = utf16.length();
        int[] s = new int[ids.length];
        int[] e = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            s[i] = cp[Math.min(codePointStarts[i], cp.length - 1)];
            e[i] = cp[Math.min(codePointEnds[i], cp.length - 1)];
        }
        return new EncodedText(ids, s, e);
    }
}
