package org.detectgpt.scan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.detectgpt.detect.Detector;
import org.detectgpt.language.Language;
import org.detectgpt.util.Args;

/**
 * The detector used for each language: a default one, used for English and every language
 * without its own, and optionally a Chinese one. Immutable.
 */
public final class ScanModels {
    private final Detector defaultDetector;
    private final Detector chinese;

    private ScanModels(Detector defaultDetector, Detector chinese) {
        this.defaultDetector = Args.notNull(defaultDetector, "defaultDetector");
        this.chinese = chinese;
        Args.check(chinese == null || chinese.criterionName().equals(defaultDetector.criterionName()),
            "both languages must use one criterion");
    }

    /** @return the models: {@code detector} for every language */
    public static ScanModels of(Detector detector) {
        return new ScanModels(detector, null);
    }

    /** @return a copy that scores Chinese texts with {@code detector} (null: with the default one) */
    public ScanModels withChinese(Detector detector) {
        return new ScanModels(defaultDetector, detector);
    }

    /** @return the detector for {@code language} */
    public Detector forLanguage(Language language) {
        return language == Language.CHINESE && chinese != null ? chinese : defaultDetector;
    }

    /** @return the Chinese detector, if one was given */
    public Optional<Detector> chinese() {
        return Optional.ofNullable(chinese);
    }

    /** @return the criterion's name */
    public String criterion() {
        return defaultDetector.criterionName();
    }

    /** @return the model per language code, for reports (other languages use the {@code en} one) */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Language l : List.of(Language.ENGLISH, Language.CHINESE)) {
            m.put(l.code(), modelName(forLanguage(l)) + " — " + forLanguage(l).model().info().source());
        }
        return m;
    }

    /**
     * @param d a detector
     * @return the scoring model's name, and the sampling model's after a {@code +} when the
     *     criterion uses it — the identity a calibration is matched on
     */
    public static String modelName(Detector d) {
        String name = d.model().info().name();
        return d.criterion().map(c -> c.usesSamplingModel()).orElse(false) && d.samplingModel().isPresent()
            ? name + "+" + d.samplingModel().get().info().name() : name;
    }
}
