package org.detectgpt.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens the learned head reads a text as: lower-cased words (letters and digits, with inner
 * apostrophes), each Han character alone, and each other non-space character alone (punctuation).
 * Digits-only words become {@code #}, so numbers count as one type. A {@code </s>} token ends
 * every sentence-final run of {@code . ! ? 。 ！ ？}, so sentence structure survives the
 * whitespace collapsing done before scoring.
 *
 * <p>This is deliberately not the scoring model's tokenizer: the head's features (distorted
 * n-grams, style, the n-gram likelihood ratio) describe words and punctuation, and must not
 * change when the neural model does.
 */
public final class TextTokens {
    /** The sentence-end marker. */
    public static final String SENTENCE_END = "</s>";

    private TextTokens() {}

    /**
     * @param text any text
     * @return its tokens, in order; empty for a text without letters, digits or punctuation
     */
    public static List<String> of(String text) {
        List<String> out = new ArrayList<>(text.length() / 4 + 4);
        int n = text.length();
        int i = 0;
        while (i < n) {
            int c = text.codePointAt(i);
            int len = Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                i += len;
            } else if (isHan(c)) {
                out.add(new String(Character.toChars(c)));
                i += len;
            } else if (Character.isLetterOrDigit(c)) {
                int j = i;
                boolean digitsOnly = true;
                while (j < n) {
                    int d = text.codePointAt(j);
                    if (Character.isLetterOrDigit(d) && !isHan(d)) {
                        digitsOnly &= Character.isDigit(d);
                        j += Character.charCount(d);
                    } else if ((d == '\'' || d == '\u2019') && j + 1 < n && Character.isLetter(text.codePointAt(j + 1))
                            && !isHan(text.codePointAt(j + 1))) {
                        j++;
                    } else {
                        break;
                    }
                }
                out.add(digitsOnly ? "#" : text.substring(i, j).replace('\u2019', '\'').toLowerCase(Locale.ROOT));
                i = j;
            } else {
                String p = new String(Character.toChars(normalisePunctuation(c)));
                out.add(p);
                i += len;
                if (isSentenceEnd(c)) {
                    while (i < n && isSentenceEnd(text.codePointAt(i))) {
                        out.add(new String(Character.toChars(normalisePunctuation(text.codePointAt(i)))));
                        i += Character.charCount(text.codePointAt(i));
                    }
                    out.add(SENTENCE_END);
                }
            }
        }
        return out;
    }

    /** @return whether the code point is a CJK ideograph */
    public static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    static boolean isSentenceEnd(int c) {
        return c == '.' || c == '!' || c == '?' || c == '\u3002' || c == '\uFF01' || c == '\uFF1F';
    }

    /** @return whether the token is a word (not punctuation, not the sentence marker) */
    public static boolean isWord(String t) {
        return !t.isEmpty() && !t.equals(SENTENCE_END) && Character.isLetterOrDigit(t.codePointAt(0)) || "#".equals(t);
    }

    // curly and straight quotes are one style choice of the writer's software, not of the writer
    private static int normalisePunctuation(int c) {
        return switch (c) {
            case '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB' -> '"';
            case '\u2018', '\u2019', '\u201A' -> '\'';
            default -> c;
        };
    }
}
