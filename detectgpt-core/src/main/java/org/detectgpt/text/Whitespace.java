package org.detectgpt.text;

import org.detectgpt.util.Args;

/**
 * Whitespace normalization for evaluations: {@link #collapse(String)} turns every run of Unicode
 * whitespace into one ASCII space and trims the ends.
 *
 * <p>"Whitespace" is the Unicode {@code White_Space} property (Unicode 15): U+0009–U+000D (tab,
 * line feed, vertical tab, form feed, carriage return), U+0020, U+0085 (next line), U+00A0
 * (no-break space), U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000
 * (ideographic space). Unlike {@link Character#isWhitespace(int)} this includes the no-break
 * spaces and excludes the information separators U+001C–U+001F; zero-width characters such as
 * U+200B and U+FEFF are not whitespace and are kept.
 *
 * <p>Why: in the evaluation sets, layout leaks labels (e.g. the human texts of
 * fast-detect-gpt-open have no newline while most machine texts do), so texts are collapsed
 * before scoring.
 */
public final class Whitespace {
    private Whitespace() {}

    /**
     * @param codePoint a Unicode code point
     * @return whether it has the Unicode {@code White_Space} property
     */
    public static boolean isWhitespace(int codePoint) {
        return codePoint >= 0x09 && codePoint <= 0x0D
            || codePoint == 0x20 || codePoint == 0x85 || codePoint == 0xA0 || codePoint == 0x1680
            || codePoint >= 0x2000 && codePoint <= 0x200A
            || codePoint == 0x2028 || codePoint == 0x2029 || codePoint == 0x202F
            || codePoint == 0x205F || codePoint == 0x3000;
    }

    /**
     * @param text any text
     * @return {@code text} with every whitespace run replaced by one U+0020 and no leading or
     *     trailing whitespace; "" when {@code text} is empty or all whitespace
     */
    public static String collapse(String text) {
        Args.notNull(text, "text");
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isWhitespace(cp)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
