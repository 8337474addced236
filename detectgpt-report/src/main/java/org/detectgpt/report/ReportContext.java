package org.detectgpt.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.detectgpt.calibrate.CalibrationSet;

/**
 * How a scan was made, for the report's header: which models, criterion and calibration were
 * used, and the minimum lengths.
 *
 * @param models the scoring model per language code (e.g. {@code en → stories260K.bin})
 * @param criterion the criterion's name
 * @param calibration the calibration used, if any
 * @param minWords the minimum length in words (English and other languages)
 * @param minChineseChars the minimum length of a Chinese text, in characters
 * @param created when the report was made
 */
public record ReportContext(Map<String, String> models, String criterion, Optional<CalibrationSet> calibration,
        int minWords, int minChineseChars, Instant created) {
    /** Checks the components and copies the map. */
    public ReportContext {
        models = Map.copyOf(models);
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(created, "created");
    }

    /** @return a one-line description of the calibration, or of its absence */
    public String calibrationSummary() {
        return calibration.map(set -> set.name() + ": " + String.join("; ", set.calibrations().stream()
            .map(c -> String.format(java.util.Locale.ROOT,
                "%s threshold %.4f at target FPR %s (%.0f%% CI %.4f–%.4f, %d human texts)", c.language().code(),
                c.threshold(), Formats.percent(c.targetFpr()), 100 * c.confidence(), c.ciLow(), c.ciHigh(),
                c.size()))
            .toList()))
            .orElse("none: without a calibration no document gets a likely-machine or likely-human verdict");
    }

    /** @return the languages with a model, sorted */
    public List<String> languages() {
        return models.keySet().stream().sorted().toList();
    }
}
