package org.detectgpt.serve;

import java.util.Objects;
import org.detectgpt.scan.DocumentScorer;

/**
 * How {@link DetectGptServer} runs.
 *
 * @param bind the address to listen on ({@code 127.0.0.1} unless the user says otherwise)
 * @param port the port; 0 picks a free one
 * @param scorer the scorer with the default calibration
 * @param calibrator applies an uploaded calibration to the scorer
 * @param threads documents scored in parallel within a batch
 * @param limits the upload limits
 */
public record ServeSettings(String bind, int port, DocumentScorer scorer, Calibrator calibrator, int threads,
        ServeLimits limits) {
    /** The loopback address the server binds to by default. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 8765;

    /** Checks the components. */
    public ServeSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(calibrator, "calibrator");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535: " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1: " + threads);
        }
    }
}
