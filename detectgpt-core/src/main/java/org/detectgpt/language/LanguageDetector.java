package org.detectgpt.language;

/**
 * Tells English from Chinese (and from anything else) by script and by English function words —
 * enough to pick the model and calibration for a student essay, with no model of its own.
 *
 * <p>Rules, on {@link TextMeasure} counts:
 * <ul>
 *   <li>{@link Language#CHINESE} when Chinese characters make up at least 30 % of the letters
 *       counted (each character one, each word of another script one);</li>
 *   <li>{@link Language#ENGLISH} when most words are Latin-script and at least 15 % of those are
 *       common English function words (ordinary English prose has about 40 %; French, German or
 *       Spanish prose only a few);</li>
 *   <li>{@link Language#OTHER} otherwise, including a text with no letters at all.</li>
 * </ul>
 */
public final class LanguageDetector {
    private LanguageDetector() {}

    /**
     * @param text any text
     * @return its language
     */
    public static Language detect(String text) {
        return detect(TextMeasure.of(text));
    }

    /**
     * @param m a text's counts
     * @return its language
     */
    public static Language detect(TextMeasure m) {
        int total = m.words();
        if (total == 0) {
            return Language.OTHER;
        }
        if (m.hanCharacters() >= 0.3 * total) {
            return Language.CHINESE;
        }
        if (m.latinWords() > m.otherWords() && m.englishFunctionWords() >= 0.15 * m.latinWords()) {
            return Language.ENGLISH;
        }
        return Language.OTHER;
    }
}
