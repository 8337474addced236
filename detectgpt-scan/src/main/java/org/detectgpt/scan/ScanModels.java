package org.detectgpt.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detectgpt.detect.Detector;
import org.detectgpt.hub.FileDigests;
import org.detectgpt.language.Language;
import org.detectgpt.model.ModelInfo;
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

    /**
     * @param bySlot the detector of each model slot: {@link Language#ENGLISH} (the default, required)
     *     and optionally {@link Language#CHINESE} (as {@code org.detectgpt.models.ModelSet} loads them)
     * @return the models
     */
    public static ScanModels of(Map<Language, Detector> bySlot) {
        return new ScanModels(bySlot.get(Language.ENGLISH), bySlot.get(Language.CHINESE));
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

    /**
     * @return the model per language code, for reports (other languages use the {@code en} one): its
     *     name, size and a fingerprint — never the folder it was loaded from, which is a machine's path
     *     (a bundled model's is a cache folder) and means nothing to the reader of a report
     */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Language l : List.of(Language.ENGLISH, Language.CHINESE)) {
            Detector d = forLanguage(l);
            // a pair (e.g. an ensemble head over machine and human sides) names both, each with its own size
            m.put(l.code(), describe(d.model().info())
                + d.samplingModelInUse().map(s -> " + " + describe(s.info())).orElse(""));
        }
        return m;
    }

    private static String describe(ModelInfo info) {
        return String.format(Locale.ROOT, "%s (%,d parameters%s)", info.name(), info.parameters(),
            fingerprint(info.source()));
    }

    /** Weights up to this size are hashed for the report; larger ones would cost seconds. */
    private static final long HASHED_BYTES = 512L << 20;
    private static final Pattern SNAPSHOT = Pattern.compile("[/\\\\]snapshots[/\\\\]([0-9a-f]{12,})");

    /** @return ", revision …" for a Hugging Face snapshot, ", sha256 …" of small weights, or "" */
    static String fingerprint(String source) {
        Matcher rev = SNAPSHOT.matcher(source);
        if (rev.find()) {
            return ", revision " + rev.group(1).substring(0, 12);
        }
        Path p;
        try {
            p = Path.of(source);
        } catch (InvalidPathException e) {
            return "";
        }
        Path weights = Files.isDirectory(p) ? p.resolve("model.safetensors") : p;
        try {
            if (Files.isRegularFile(weights) && Files.size(weights) <= HASHED_BYTES) {
                return ", weights sha256 " + FileDigests.sha256(weights).substring(0, 12);
            }
        } catch (IOException e) {
            // no fingerprint then: the name and size still identify the model
        }
        return "";
    }
}
