package org.detectgpt.scan;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.Assessment;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.detect.DetectionResult;
import org.detectgpt.detect.Detector;
import org.detectgpt.detect.ScoredSentence;
import org.detectgpt.detect.SentenceSplit;
import org.detectgpt.document.DocumentException;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.document.ExtractedText;
import org.detectgpt.language.Language;
import org.detectgpt.language.LanguageDetector;
import org.detectgpt.language.TextMeasure;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.text.InvalidTextException;
import org.detectgpt.util.Args;

/**
 * Turns one document into a {@link DocumentReport}: extract the text, detect its language,
 * check its length, score it with that language's model, score its sentences, and give the
 * verdict of the calibration for that language. Every failure becomes an {@code error} report
 * with a one-line reason; nothing is thrown for a bad document.
 *
 * <p>Length rule: texts under an absolute floor ({@value #FLOOR_WORDS} words; Chinese
 * {@value #FLOOR_CHINESE_CHARS} characters) are {@code too-short} and not scored. Texts between
 * the floor and the minimum length (default {@value #DEFAULT_MIN_WORDS} words; Chinese
 * {@value #DEFAULT_MIN_CHINESE_CHARS} characters — set from the detector's measured accuracy by
 * length, see README) are scored, with percentiles and P(machine), but their verdict is
 * {@code inconclusive} and the note says why. Immutable and thread-safe; {@code with*} return
 * copies.
 */
public final class DocumentScorer {
    /** Fewest words for any score. */
    public static final int FLOOR_WORDS = 25;
    /** Fewest Chinese characters for any score. */
    public static final int FLOOR_CHINESE_CHARS = 50;
    /** Default minimum length in words for a verdict. */
    public static final int DEFAULT_MIN_WORDS = 100;
    /** Default minimum length of a Chinese text in characters (a Chinese word is ~1.5–2 characters). */
    public static final int DEFAULT_MIN_CHINESE_CHARS = 200;

    private final ScanModels models;
    private final CalibrationSet calibration;
    private final DocumentReader reader;
    private final int minWords;
    private final int minChineseChars;

    private DocumentScorer(ScanModels models, CalibrationSet calibration, DocumentReader reader, int minWords,
            int minChineseChars) {
        this.models = Args.notNull(models, "models");
        this.calibration = calibration;
        this.reader = Args.notNull(reader, "reader");
        this.minWords = Args.positive(minWords, "minWords");
        this.minChineseChars = Args.positive(minChineseChars, "minChineseChars");
    }

    /** @return a scorer with no calibration, the default reader and minimum lengths */
    public static DocumentScorer of(ScanModels models) {
        return new DocumentScorer(models, null, DocumentReader.defaults(), DEFAULT_MIN_WORDS,
            DEFAULT_MIN_CHINESE_CHARS);
    }

    /**
     * @param set the calibration to give verdicts with, or null for none
     * @return a copy using it
     * @throws DetectGptException if one of its calibrations was made with another model or criterion
     *     than this scorer uses for that language
     */
    public DocumentScorer withCalibration(CalibrationSet set) throws DetectGptException {
        if (set != null) {
            for (Calibration c : set.calibrations()) {
                if (!fits(c)) {
                    Detector d = models.forLanguage(c.language());
                    throw new DetectGptException(String.format(Locale.ROOT,
                        "%s: the %s calibration was made with model %s (%d parameters) and criterion %s, but this "
                            + "scan uses model %s (%d parameters) and criterion %s; calibrate again with them",
                        set.name(), c.language().code(), c.model(), c.modelParameters(), c.criterion(),
                        d.modelIdentity(), d.model().info().parameters(), d.criterionName()));
                }
            }
        }
        return new DocumentScorer(models, set, reader, minWords, minChineseChars);
    }

    /**
     * Chooses a scan's calibration: the user's, which borrows the machine scores of the bundled
     * calibration of the same model and criterion where it has none; else the bundled calibration,
     * for the languages where it fits this scorer; else none, and no document gets a verdict.
     *
     * @param user the user's calibration, if any
     * @param bundled the calibration shipped with the default model, if any
     * @param notes told, one line each, what was borrowed or why no document gets a verdict
     * @return a copy with the chosen calibration (or this scorer, with none)
     * @throws DetectGptException if the user's calibration was made with another model or criterion
     */
    public DocumentScorer withCalibration(Optional<CalibrationSet> user, Optional<CalibrationSet> bundled,
            Consumer<String> notes) throws DetectGptException {
        String criterion = models.criterion();
        if (user.isPresent()) {
            CalibrationSet u = user.get();
            if (bundled.isPresent()) {
                u = u.withMachineFallback(bundled.get(), notes);
            }
            return withCalibration(u);
        }
        if (bundled.isPresent()) {
            List<Calibration> fit = bundled.get().calibrations().stream().filter(this::fits).toList();
            if (!fit.isEmpty()) {
                return withCalibration(new CalibrationSet(bundled.get().name(), fit));
            }
            notes.accept("the bundled calibration is for criterion " + bundled.get().calibrations().get(0).criterion()
                + ", not " + criterion + ": scores are shown but no document is called likely-machine or likely-human "
                + "(calibrate this criterion with: detectgpt calibrate -c " + criterion
                + " --human FOLDER --machine FOLDER --out FILE)");
            return this;
        }
        notes.accept("no --calibration: scores are shown but no document is called likely-machine or likely-human "
            + "(make one with: detectgpt calibrate --human FOLDER --machine FOLDER --out calibration.json)");
        return this;
    }

    /**
     * @param c a calibration
     * @return whether it was made with the model and criterion this scorer uses for its language
     */
    public boolean fits(Calibration c) {
        Detector d = models.forLanguage(c.language());
        return c.matches(d.modelIdentity(), d.model().info().parameters(), d.criterionName());
    }

    /** @return a copy reading documents with {@code r} */
    public DocumentScorer withReader(DocumentReader r) {
        return new DocumentScorer(models, calibration, r, minWords, minChineseChars);
    }

    /** @return a copy with another minimum length in words */
    public DocumentScorer withMinWords(int words) {
        return new DocumentScorer(models, calibration, reader, words, minChineseChars);
    }

    /** @return a copy with another minimum length of Chinese texts, in characters */
    public DocumentScorer withMinChineseChars(int chars) {
        return new DocumentScorer(models, calibration, reader, minWords, chars);
    }

    /** @return the reader */
    public DocumentReader reader() {
        return reader;
    }

    /** @return the models */
    public ScanModels models() {
        return models;
    }

    /** @return the calibration, if any */
    public Optional<CalibrationSet> calibration() {
        return Optional.ofNullable(calibration);
    }

    /** @return the minimum length in words */
    public int minWords() {
        return minWords;
    }

    /** @return the minimum length of Chinese texts in characters */
    public int minChineseChars() {
        return minChineseChars;
    }

    /**
     * @param bytes a file's content
     * @return its SHA-256, lower-case hex
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * @param path the document's name in reports (its extension selects the format)
     * @param sha256 the hash of {@code bytes}
     * @param bytes the document's content
     * @return its report; never throws for a bad document
     */
    public DocumentReport score(String path, String sha256, byte[] bytes) {
        String criterion = models.criterion();
        ExtractedText text;
        try {
            text = reader.extract(path, bytes);
        } catch (DocumentException e) {
            return new DocumentReport.Failed(path, Optional.of(sha256), criterion, e.problem());
        }
        try {
            return score(path, sha256, text);
        } catch (InvalidTextException e) {
            return new DocumentReport.Failed(path, Optional.of(sha256), criterion, oneLine(e));
        } catch (RuntimeException e) {
            // a fault in the engine must not end an overnight scan; the report names it
            return new DocumentReport.Failed(path, Optional.of(sha256), criterion, "internal error while scoring: "
                + oneLine(e));
        }
    }

    /**
     * What a scan hands the detector for one text; {@code detectgpt score} goes through it too, so
     * both route languages and normalise the text alike.
     *
     * @param language the detected language
     * @param words the length in words (Chinese: characters)
     * @param detector that language's detector
     * @param split the text by sentence; {@link SentenceSplit#scoringText()} is what is scored
     */
    public record Prepared(Language language, int words, Detector detector, SentenceSplit split) {
        /** @return the detector's result on the scoring text, with sentence scores */
        public DetectionResult detect() throws InvalidTextException {
            return detector.detect(split);
        }
    }

    /**
     * @param text an extracted text (read by {@link #reader()}, so normalised and under the cap)
     * @return its language, that language's detector and the text to score
     */
    public Prepared prepare(ExtractedText text) {
        TextMeasure measure = TextMeasure.of(text.text());
        Language lang = LanguageDetector.detect(measure);
        return new Prepared(lang, measure.words(), models.forLanguage(lang), SentenceSplit.of(text.text(), lang));
    }

    private DocumentReport score(String path, String sha256, ExtractedText text) throws InvalidTextException {
        Prepared p = prepare(text);
        Language lang = p.language();
        Detector d = p.detector();
        String model = d.modelIdentity();
        SentenceSplit split = p.split();
        int words = p.words();
        boolean chinese = lang == Language.CHINESE;
        int min = chinese ? minChineseChars : minWords;
        int floor = Math.min(min, chinese ? FLOOR_CHINESE_CHARS : FLOOR_WORDS);
        String unit = chinese ? "characters" : "words";
        if (words < floor) {
            List<ScoredSentence> plain = IntStream.range(0, split.size())
                .mapToObj(i -> new ScoredSentence(split.sentences().get(i), Double.NaN, false, split.paragraphEnd(i)))
                .toList();
            return new DocumentReport.TooShort(path, sha256, d.criterionName(), lang.code(), words, model,
                words + " " + unit + ", under the " + floor + " needed for any score", text.format(), plain);
        }
        DetectionResult r = p.detect();
        List<ScoredSentence> sentences = r.sentences();
        Optional<Calibration> cal = calibration == null ? Optional.empty() : calibration.forLanguage(lang);
        if (cal.isEmpty()) {
            String reason = calibration == null ? "no calibration: no verdict"
                : "no " + lang.code() + " calibration in " + calibration.name();
            return new DocumentReport.Scored(path, sha256, d.criterionName(), Verdict.INCONCLUSIVE, r.score(),
                Double.NaN, Double.NaN, Double.NaN, lang.code(), words, model, Optional.of(reason), text.format(),
                sentences);
        }
        Assessment a = cal.get().assess(r.score());
        if (words < min && a.verdict() != Verdict.INCONCLUSIVE) {
            a = a.inconclusive(words + " " + unit + ": verdicts need " + min + " (shorter texts were measured "
                + "too unreliable); the score is shown for reference");
        }
        return new DocumentReport.Scored(path, sha256, d.criterionName(), a.verdict(), r.score(), a.probability(),
            a.humanPercentile(), a.machinePercentile(), lang.code(), words, model, Optional.ofNullable(a.reason()),
            text.format(), sentences);
    }

    /** @return the exception's message on one line, for an error report */
    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("[\\r\\n]+", " ").strip();
    }
}
