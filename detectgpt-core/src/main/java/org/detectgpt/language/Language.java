package org.detectgpt.language;

import java.util.Locale;

/**
 * The languages a scan tells apart. Each has its own model and calibration; {@link #OTHER} is
 * scored with the default model but never gets a verdict from an English or Chinese calibration.
 */
public enum Language {
    /** English. */
    ENGLISH("en", Locale.ENGLISH),
    /** Chinese (simplified or traditional). */
    CHINESE("zh", Locale.CHINESE),
    /** Anything else (another Latin-script language, another script). */
    OTHER("other", Locale.ROOT);

    private final String code;
    private final Locale locale;

    Language(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** @return the short code used in reports and calibration files: {@code en}, {@code zh}, {@code other} */
    public String code() {
        return code;
    }

    /** @return the locale for sentence splitting */
    public Locale locale() {
        return locale;
    }

    /**
     * @param code {@code en}, {@code zh} or {@code other}
     * @return the language
     * @throws IllegalArgumentException on another code
     */
    public static Language fromCode(String code) {
        for (Language l : values()) {
            if (l.code.equals(code)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language code '" + code + "' (known: en, zh, other)");
    }
}
