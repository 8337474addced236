package org.detectgpt.calibrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.detectgpt.DetectGptException;
import org.detectgpt.language.Language;

/**
 * The calibrations of one file, at most one per language, and their JSON form
 * ({@value #FORMAT}; files of format {@code detectgpt-calibration/1}, which hold human scores
 * only, are read too):
 *
 * <pre>{@code
 * {"format": "detectgpt-calibration/2", "name": "class-2019",
 *  "calibrations": [{"language": "en", "model": "stories260K.bin", "model_parameters": 260000,
 *    "criterion": "fast-detectgpt", "target_fpr": 0.01, "threshold": 1.92,
 *    "threshold_ci": {"low": 1.7, "high": 2.3, "confidence": 0.95, "resamples": 2000},
 *    "target_fnr": 0.05, "human_threshold": -0.4, "prior": 0.5, "machine_source": "calibration texts",
 *    "n_human": 240, "n_machine": 120, "human_scores": [...], "machine_scores": [...]}]}
 * }</pre>
 *
 * @param name a name for reports: the file's name, or a bundled calibration's name
 * @param calibrations the calibrations, one per language
 */
public record CalibrationSet(String name, List<Calibration> calibrations) {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "detectgpt-calibration/2";
    private static final String FORMAT_1 = "detectgpt-calibration/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Checks that no language appears twice and copies the list. */
    public CalibrationSet {
        Objects.requireNonNull(name, "name");
        calibrations = List.copyOf(calibrations);
        if (calibrations.stream().map(Calibration::language).distinct().count() != calibrations.size()) {
            throw new IllegalArgumentException("two calibrations for one language in " + name);
        }
    }

    /**
     * @param language a language
     * @return its calibration, if this set has one
     */
    public Optional<Calibration> forLanguage(Language language) {
        return calibrations.stream().filter(c -> c.language() == language).findFirst();
    }

    /**
     * Writes the set as JSON, atomically (a temporary file moved into place).
     *
     * @param file the file to write
     * @throws DetectGptException if it cannot be written
     */
    public void write(Path file) throws DetectGptException {
        try {
            Path abs = file.toAbsolutePath();
            Path tmp = Files.createTempFile(abs.getParent(), ".calibration", ".tmp");
            Files.writeString(tmp, MAPPER.writeValueAsString(toJson()) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** @return the JSON form */
    public ObjectNode toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", name);
        root.put("rule", "likely-machine: score >= threshold (at most target_fpr of human texts score so high, "
            + "and at most source_fpr of each listed human source of " + Calibrator.MIN_SOURCE_TEXTS + " or more); "
            + "likely-human: score < human_threshold (at most target_fnr of machine texts score so low); "
            + "inconclusive otherwise");
        ArrayNode arr = root.putArray("calibrations");
        for (Calibration c : calibrations) {
            ObjectNode o = arr.addObject();
            o.put("language", c.language().code());
            o.put("model", c.model());
            o.put("model_parameters", c.modelParameters());
            o.put("criterion", c.criterion());
            o.put("target_fpr", c.targetFpr());
            o.put("threshold", c.threshold());
            ObjectNode ci = o.putObject("threshold_ci");
            ci.put("low", c.ciLow());
            ci.put("high", c.ciHigh());
            ci.put("confidence", c.confidence());
            ci.put("resamples", c.resamples());
            o.put("target_fnr", c.targetFnr());
            o.put("human_threshold", c.humanThreshold());
            o.put("prior", c.prior());
            o.put("machine_source", c.machineSource());
            o.put("human_median", c.humanMedian());
            o.put("n_human", c.size());
            o.put("n_machine", c.machineScores().length);
            ArrayNode scores = o.putArray("human_scores");
            for (double s : c.humanScores()) {
                scores.add(s);
            }
            ArrayNode ms = o.putArray("machine_scores");
            for (double s : c.machineScores()) {
                ms.add(s);
            }
            if (!c.sourceRates().isEmpty()) {
                o.put("source_fpr", c.sourceFpr());
                ArrayNode src = o.putArray("human_sources");
                for (Calibration.SourceRate r : c.sourceRates()) {
                    src.addObject().put("source", r.source()).put("texts", r.texts())
                        .put("likely_machine", r.likelyMachine()).put("bounded", r.bounded());
                }
            }
        }
        return root;
    }

    /**
     * @param file a calibration file written by {@link #write}
     * @return its calibrations, named after the file
     * @throws DetectGptException with a one-line message naming the file if it cannot be read
     */
    public static CalibrationSet read(Path file) throws DetectGptException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            return fromJson(name, MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new DetectGptException(file + ": not a calibration file: invalid JSON at line "
                + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DetectGptException(file + ": not a calibration file: " + e.getMessage());
        }
    }

    /**
     * @param name the set's name
     * @param root the JSON form
     * @return the set
     * @throws IllegalArgumentException if a field is missing or invalid
     */
    public static CalibrationSet fromJson(String name, JsonNode root) {
        String format = root.path("format").asText();
        if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
            throw new IllegalArgumentException("format is not " + FORMAT);
        }
        List<Calibration> out = new ArrayList<>();
        for (JsonNode o : root.path("calibrations")) {
            JsonNode ci = field(o, "threshold_ci");
            double[] s = doubles(field(o, "human_scores"));
            double[] m = o.has("machine_scores") ? doubles(o.get("machine_scores")) : new double[0];
            List<Calibration.SourceRate> rates = new ArrayList<>();
            for (JsonNode r : o.path("human_sources")) {
                rates.add(new Calibration.SourceRate(field(r, "source").asText(), field(r, "texts").asInt(),
                    field(r, "likely_machine").asInt(),
                    r.path("bounded").asBoolean(field(r, "texts").asInt() >= Calibrator.MIN_SOURCE_TEXTS)));
            }
            out.add(new Calibration(Language.fromCode(field(o, "language").asText()), field(o, "model").asText(),
                field(o, "model_parameters").asLong(), field(o, "criterion").asText(),
                field(o, "target_fpr").asDouble(), number(o, "threshold"), number(ci, "low"), number(ci, "high"),
                field(ci, "confidence").asDouble(), field(ci, "resamples").asInt(), s,
                o.path("target_fnr").asDouble(0.05), m, o.path("machine_source").asText(m.length == 0 ? "none"
                    : "calibration texts"), o.path("prior").asDouble(0.5), rates,
                rates.isEmpty() ? Double.NaN : field(o, "source_fpr").asDouble()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no calibrations in it");
        }
        return new CalibrationSet(name, out);
    }

    private static double[] doubles(JsonNode a) {
        double[] s = new double[a.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.get(i).asDouble();
        }
        return s;
    }

    /**
     * Fills in missing machine scores from another set (the shipped calibration of the same model
     * and criterion), per language.
     *
     * @param shipped the set to borrow from
     * @param notes receives one line per language that borrowed
     * @return a copy where each calibration without machine scores has those of {@code shipped}
     *     for the same language, model and criterion, when it has them
     */
    public CalibrationSet withMachineFallback(CalibrationSet shipped, java.util.function.Consumer<String> notes) {
        List<Calibration> out = new ArrayList<>();
        for (Calibration c : calibrations) {
            Optional<Calibration> s = shipped.forLanguage(c.language())
                .filter(x -> x.hasMachineScores() && x.matches(c.model(), c.modelParameters(), c.criterion()));
            if (!c.hasMachineScores() && s.isPresent()) {
                out.add(c.withMachineScores(s.get().machineScores(), "shipped: " + shipped.name()));
                notes.accept(name + ": no machine texts for " + c.language().code() + "; using the "
                    + s.get().machineScores().length + " machine scores of " + shipped.name()
                    + " for likely-human and P(machine)");
            } else {
                out.add(c);
            }
        }
        return new CalibrationSet(name, out);
    }

    private static JsonNode field(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + key + "'");
        }
        return v;
    }

    /** Thresholds may be ±∞, which Jackson writes as the strings "Infinity" / "-Infinity". */
    private static double number(JsonNode o, String key) {
        JsonNode v = field(o, key);
        return v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
    }
}
