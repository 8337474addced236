package org.detectgpt.serve;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.detectgpt.DetectGptException;
import org.detectgpt.scan.DocumentScorer;

/**
 * Applies a calibration the teacher uploads to the server's scorer, the way {@code scan
 * --calibration} does (the command line supplies it, so both share one rule).
 */
@FunctionalInterface
public interface Calibrator {
    /**
     * @param file the uploaded calibration (from {@code detectgpt calibrate})
     * @param notes told what the batch should know (e.g. machine scores borrowed from the bundled calibration)
     * @return the scorer with that calibration
     * @throws DetectGptException if the file is not a calibration, or is one for another model or criterion
     */
    DocumentScorer calibrate(Path file, Consumer<String> notes) throws DetectGptException;
}
