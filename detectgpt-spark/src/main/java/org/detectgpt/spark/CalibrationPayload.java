package org.detectgpt.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.models.BundledModels;
import org.detectgpt.scan.DocumentScorer;

/**
 * The calibration a job or transformer gives its verdicts with, as the driver read it: the text of
 * the calibration file, broadcast to the executors (a few hundred kilobytes at most), which parse it
 * and apply it to their scorer exactly as {@code detectgpt scan} does.
 *
 * @param name the calibration's name in reasons (its file name)
 * @param json the user's calibration file, or null for none
 * @param shippedJson the bundled model's own calibration, or null: used alone when the user gave
 *     none (its calibrations made for another criterion left out), else only to lend its machine
 *     scores to a user calibration that has none
 */
public record CalibrationPayload(String name, String json, String shippedJson) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads the calibration on the driver.
     *
     * @param file the user's calibration (a local path or a Hadoop URI), or null/blank for the
     *     bundled model's own
     * @param spec the models, to find the bundled model's calibration
     * @param hadoop the driver's Hadoop configuration
     * @return what to broadcast
     * @throws DetectGptException with a one-line message if the file cannot be read or is no calibration
     */
    public static CalibrationPayload load(String file, ModelSpec spec, Configuration hadoop) throws DetectGptException {
        Optional<Path> shipped = ExecutorModels.modelSet(spec).bundledCalibration();
        String shippedJson = null;
        String shippedName = null;
        if (shipped.isPresent()) {
            try {
                shippedJson = Files.readString(shipped.get(), StandardCharsets.UTF_8);
                shippedName = shipped.get().getFileName().toString();
            } catch (IOException e) {
                throw new DetectGptException(shipped.get() + ": cannot read: " + e.getMessage(), e);
            }
        }
        if (file == null || file.isBlank()) {
            return new CalibrationPayload(shippedName, null, shippedJson);
        }
        String json = readText(file, hadoop);
        CalibrationPayload p = new CalibrationPayload(file.substring(file.lastIndexOf('/') + 1), json, shippedJson);
        p.parse(p.json, file); // fail on the driver, before any task, if it is no calibration
        return p;
    }

    private static String readText(String file, Configuration hadoop) throws DetectGptException {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
            FileSystem fs = p.getFileSystem(hadoop);
            try (InputStream in = fs.open(p)) {
                return new String(in.readNBytes(64 << 20), StandardCharsets.UTF_8);
            }
        } catch (java.io.FileNotFoundException e) {
            throw new DetectGptException(file + ": no such calibration file");
        } catch (IOException | IllegalArgumentException e) {
            throw new DetectGptException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private CalibrationSet parse(String text, String source) throws DetectGptException {
        try {
            return CalibrationSet.fromJson(source, MAPPER.readTree(text));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new DetectGptException(source + ": not a calibration file: "
                + String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " "));
        }
    }

    /**
     * @param scorer an executor's scorer
     * @return it with this calibration, as {@code detectgpt scan} applies it
     * @throws DetectGptException if the user's calibration was made with another model or criterion
     */
    public DocumentScorer apply(DocumentScorer scorer) throws DetectGptException {
        Optional<CalibrationSet> user = json == null ? Optional.empty() : Optional.of(parse(json, name));
        Optional<CalibrationSet> bundled = shippedJson == null ? Optional.empty()
            : Optional.of(parse(shippedJson, BundledModels.CALIBRATION));
        // the notes (what was borrowed, why there are no verdicts) are the driver's to print, not each task's
        return scorer.withCalibration(user, bundled, note -> { });
    }
}
