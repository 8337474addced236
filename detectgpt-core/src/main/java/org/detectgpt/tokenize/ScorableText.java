package org.detectgpt.tokenize;

import org.detectgpt.text.InvalidTextException;

/** The check every text passes before scoring, shared by the Detector and evaluations. */
public final class ScorableText {
    private ScorableText() {}

    /**
     * @param tokenizer the scoring model's tokenizer
     * @param text the text
     * @return its ids, at least two
     * @throws InvalidTextException if the text is empty, holds only whitespace, control or format
     *     characters, or gives fewer than two tokens
     */
    public static int[] encodeIds(Tokenizer tokenizer, String text) throws InvalidTextException {
        check(text);
        return checked(tokenizer.encodeIds(text));
    }

    /**
     * @param tokenizer the scoring model's tokenizer
     * @param text the text
     * @return its ids, at least two, with their character spans
     * @throws InvalidTextException as {@link #encodeIds(Tokenizer, String)}
     */
    public static EncodedText encode(Tokenizer tokenizer, String text) throws InvalidTextException {
        check(text);
        EncodedText e = tokenizer.encode(text);
        checked(e.ids());
        return e;
    }

    private static void check(String text) throws InvalidTextException {
        if (text == null || text.isEmpty()) {
            throw new InvalidTextException("text is empty");
        }
        if (text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT)) {
            throw new InvalidTextException("text holds only whitespace or control characters");
        }
    }

    private static int[] checked(int[] ids) throws InvalidTextException {
        if (ids.length < 2) {
            throw new InvalidTextException("text is too short to score: " + ids.length + " token(s)");
        }
        return ids;
    }
}
