package org.detectgpt.language;

/**
 * Counts of what a text is made of, the basis of language detection and of the minimum length.
 *
 * @param hanCharacters CJK ideographs (Chinese characters)
 * @param latinWords runs of Latin letters (apostrophes and hyphens inside a word kept), i.e. words
 *     of English and other Latin-script languages
 * @param otherWords runs of letters of any other script (Cyrillic, Arabic, Kana, Hangul, …)
 * @param englishFunctionWords Latin words that are common English function words (the, and, of, …)
 */
public record TextMeasure(int hanCharacters, int latinWords, int otherWords, int englishFunctionWords) {
    /**
     * @param text any text
     * @return its counts
     */
    public static TextMeasure of(String text) {
        int han = 0;
        int latin = 0;
        int other = 0;
        int function = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
                i += Character.charCount(cp);
            } else if (Character.isLetter(cp)) {
                int start = i;
                boolean isLatin = Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
                while (i < n && (Character.isLetterOrDigit(text.codePointAt(i))
                        && Character.UnicodeScript.of(text.codePointAt(i)) != Character.UnicodeScript.HAN
                        || isInnerPunctuation(text, i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                if (isLatin) {
                    latin++;
                    if (EnglishWords.isFunctionWord(text.substring(start, i))) {
                        function++;
                    }
                } else {
                    other++;
                }
            } else {
                i += Character.charCount(cp);
            }
        }
        return new TextMeasure(han, latin, other, function);
    }

    /** An apostrophe or hyphen between two letters belongs to the word (don't, well-known). */
    private static boolean isInnerPunctuation(String text, int i) {
        char c = text.charAt(i);
        return (c == '\'' || c == '\u2019' || c == '-') && i > 0 && i + 1 < text.length()
            && Character.isLetter(text.charAt(i - 1)) && Character.isLetter(text.charAt(i + 1));
    }

    /**
     * @return the length in the unit the minimum length is stated in: Chinese characters plus the
     *     words of other scripts (so a Chinese essay quoting English words counts both)
     */
    public int words() {
        return hanCharacters + latinWords + otherWords;
    }
}
