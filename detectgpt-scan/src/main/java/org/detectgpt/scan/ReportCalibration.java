package org.detectgpt.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.Calibrator;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.LabeledText;
import org.detectgpt.detect.Detector;
import org.detectgpt.language.Language;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.text.Whitespace;

/**
 * The calibration workflow of {@code detectgpt calibrate}: scores of texts of known authorship,
 * gathered per language from scanned documents' reports (only scored documents count), from
 * out-of-fold scores files and from the machine texts of labelled data sets, then one
 * {@link Calibration} per language with enough texts, made for the scan's detector of that
 * language. Records where each language's machine scores came from. Immutable; {@code with*}
 * return copies.
 *
 * <pre>{@code
 * ReportCalibration rc = ReportCalibration.empty()
 *     .withHuman(scanner.scan(humanFiles, Map.of(), listener).reports())
 *     .withMachine(scanner.scan(machineFiles, Map.of(), listener).reports());
 * List<ReportCalibration.Outcome> out = rc.calibrate(Calibrator.defaults(), scorer.models());
 * }</pre>
 */
public final class ReportCalibration {
    /** The machine-score source of scanned machine documents. */
    public static final String CALIBRATION_TEXTS = "calibration texts";
    /** The machine-score source of scores files. */
    public static final String SCORES_FILES = "out-of-fold scores of the training texts";
    /** The machine-score source of labelled data sets. */
    public static final String DATASETS = "machine texts of labelled data sets";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Language, List<Double>> human;
    private final Map<Language, List<String>> humanFrom;
    private final Map<Language, List<Double>> machine;
    private final Map<Language, Set<String>> machineFrom;

    private ReportCalibration(Map<Language, List<Double>> human, Map<Language, List<String>> humanFrom,
            Map<Language, List<Double>> machine, Map<Language, Set<String>> machineFrom) {
        this.human = human;
        this.humanFrom = humanFrom;
        this.machine = machine;
        this.machineFrom = machineFrom;
    }

    /** @return no scores yet */
    public static ReportCalibration empty() {
        return new ReportCalibration(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * What one language's calibration came to.
     *
     * @param language the language
     * @param human its scorable human texts
     * @param machine its scorable machine texts
     * @param calibration the calibration, or empty when a class had too few texts
     */
    public record Outcome(Language language, int human, int machine, Optional<Calibration> calibration) {}

    /**
     * @param reports reports of documents
     * @return one line ({@code PATH: LABEL (NOTE)}) per report that gives no score: failed,
     *     too short, or a score that is not a number
     */
    public static List<String> leftOut(List<DocumentReport> reports) {
        List<String> out = new ArrayList<>();
        for (DocumentReport r : reports) {
            if (score(r).isEmpty()) {
                out.add(r.path() + ": " + r.label() + " (" + r.note().orElse(null) + ")");
            }
        }
        return out;
    }

    private static Optional<Double> score(DocumentReport r) {
        return r instanceof DocumentReport.Scored s && Double.isFinite(s.score()) ? Optional.of(s.score())
            : Optional.empty();
    }

    /**
     * @param reports reports of human documents (those without a score are left out)
     * @param source what kind of human writing they are (a folder, a class): each source of
     *     {@link Calibrator#MIN_SOURCE_TEXTS} or more texts is held to the calibrator's bound
     * @return a copy with their scores
     */
    public ReportCalibration withHuman(List<DocumentReport> reports, String source) {
        Map<Language, List<Double>> h = add(human, reports);
        Map<Language, List<String>> from = copy(humanFrom);
        h.forEach((l, s) -> {
            List<String> f = from.computeIfAbsent(l, k -> new ArrayList<>());
            while (f.size() < s.size()) {
                f.add(source);
            }
        });
        return new ReportCalibration(h, freeze(from), machine, machineFrom);
    }

    /** @return a copy that adds the scores of machine documents, credited to {@link #CALIBRATION_TEXTS} */
    public ReportCalibration withMachine(List<DocumentReport> reports) {
        return withMachine(reports, CALIBRATION_TEXTS);
    }

    private ReportCalibration withMachine(List<DocumentReport> reports, String source) {
        Map<Language, List<Double>> m = add(machine, reports);
        return new ReportCalibration(human, humanFrom, m, credit(m, source));
    }

    /**
     * @param file out-of-fold scores written by {@code fit-ensemble --scores}: {@code language},
     *     {@code human} and {@code machine} score arrays, and {@code human_sources} (the training
     *     file of each human score; without it the file's human texts are one source)
     * @return a copy with its scores, machine ones credited to {@link #SCORES_FILES}
     * @throws DetectGptException if it cannot be read or is not such a file
     */
    public ReportCalibration withScoresFile(Path file) throws DetectGptException {
        JsonNode j;
        try {
            j = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (!j.has("human")) {
            throw new DetectGptException(file + ": not a scores file of 'fit-ensemble --scores' (no \"human\")");
        }
        Language lang = Language.fromCode(j.path("language").asText("en"));
        JsonNode sources = j.path("human_sources");
        if (sources.isArray() && sources.size() != j.path("human").size()) {
            throw new DetectGptException(file + ": " + sources.size() + " human_sources for " + j.path("human").size()
                + " human scores");
        }
        Map<Language, List<Double>> h = copy(human);
        Map<Language, List<String>> from = copy(humanFrom);
        Map<Language, List<Double>> m = copy(machine);
        int i = 0;
        for (JsonNode v : j.path("human")) {
            h.computeIfAbsent(lang, k -> new ArrayList<>()).add(v.asDouble());
            from.computeIfAbsent(lang, k -> new ArrayList<>())
                .add(sources.isArray() ? sources.get(i).asText() : String.valueOf(file.getFileName()));
            i++;
        }
        for (JsonNode v : j.path("machine")) {
            m.computeIfAbsent(lang, k -> new ArrayList<>()).add(v.asDouble());
        }
        return new ReportCalibration(freeze(h), freeze(from), freeze(m), credit(m, SCORES_FILES));
    }

    /**
     * Scores the machine texts of a labelled data set like documents (whitespace collapsed, named
     * {@code FILE#k.txt}); its human texts are not used.
     *
     * @param scorer the scan's document scorer
     * @param dataset a data set file (JSONL, fast-detect-gpt JSON, MixSet)
     * @return the reports of its machine texts
     * @throws DetectGptException if the file cannot be read
     */
    public static List<DocumentReport> scoreMachineTexts(DocumentScorer scorer, Path dataset)
            throws DetectGptException {
        List<DocumentReport> rs = new ArrayList<>();
        int k = 0;
        for (LabeledText t : DatasetReader.read(dataset).items()) {
            if (t.isMachine()) {
                byte[] b = Whitespace.collapse(t.text()).getBytes(StandardCharsets.UTF_8);
                rs.add(scorer.score(dataset.getFileName() + "#" + k++ + ".txt", DocumentScorer.sha256(b), b));
            }
        }
        return rs;
    }

    /** @return a copy that adds the scores of a data set's machine texts, credited to {@link #DATASETS} */
    public ReportCalibration withMachineDataset(List<DocumentReport> reports) {
        return withMachine(reports, DATASETS);
    }

    /**
     * Calibrates each language (English, then Chinese) with any texts: a language whose human
     * texts, or whose machine texts when it has some, are fewer than the calibrator's minimum is
     * not calibrated.
     *
     * @param calibrator the rule's settings
     * @param models the scan's detectors: each calibration is made for its language's
     * @return one outcome per language with texts
     */
    public List<Outcome> calibrate(Calibrator calibrator, ScanModels models) {
        List<Outcome> out = new ArrayList<>();
        for (Language lang : List.of(Language.ENGLISH, Language.CHINESE)) {
            double[] hs = doubles(human.get(lang));
            double[] ms = doubles(machine.get(lang));
            if (hs.length == 0 && ms.length == 0) {
                continue;
            }
            if (hs.length < calibrator.minTexts() || (ms.length > 0 && ms.length < calibrator.minTexts())) {
                out.add(new Outcome(lang, hs.length, ms.length, Optional.empty()));
                continue;
            }
            Detector d = models.forLanguage(lang);
            Calibration c = calibrator.calibrate(hs, humanFrom.get(lang).toArray(String[]::new), ms,
                ms.length == 0 ? "none"
                : String.join(" + ", machineFrom.get(lang)), lang, d.modelIdentity(), d.model().info().parameters(),
                d.criterionName());
            out.add(new Outcome(lang, hs.length, ms.length, Optional.of(c)));
        }
        return out;
    }

    private static Map<Language, List<Double>> add(Map<Language, List<Double>> into, List<DocumentReport> reports) {
        Map<Language, List<Double>> m = copy(into);
        for (DocumentReport r : reports) {
            if (r instanceof DocumentReport.Scored s && Double.isFinite(s.score())) {
                m.computeIfAbsent(Language.fromCode(s.language()), k -> new ArrayList<>()).add(s.score());
            }
        }
        return freeze(m);
    }

    /** @return the sources, with {@code source} added for each language whose machine scores grew to {@code now} */
    private Map<Language, Set<String>> credit(Map<Language, List<Double>> now, String source) {
        Map<Language, Set<String>> from = new EnumMap<>(Language.class);
        machineFrom.forEach((l, s) -> from.put(l, new LinkedHashSet<>(s)));
        now.forEach((l, s) -> {
            if (s.size() > machine.getOrDefault(l, List.of()).size()) {
                from.computeIfAbsent(l, k -> new LinkedHashSet<>()).add(source);
            }
        });
        Map<Language, Set<String>> frozen = new EnumMap<>(Language.class);
        from.forEach((l, s) -> frozen.put(l, Collections.unmodifiableSet(s)));
        return Collections.unmodifiableMap(frozen);
    }

    private static <T> Map<Language, List<T>> copy(Map<Language, List<T>> m) {
        Map<Language, List<T>> c = new EnumMap<>(Language.class);
        m.forEach((l, s) -> c.put(l, new ArrayList<>(s)));
        return c;
    }

    private static <T> Map<Language, List<T>> freeze(Map<Language, List<T>> m) {
        Map<Language, List<T>> c = new EnumMap<>(Language.class);
        m.forEach((l, s) -> c.put(l, List.copyOf(s)));
        return Collections.unmodifiableMap(c);
    }

    private static double[] doubles(List<Double> l) {
        return l == null ? new double[0] : l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
