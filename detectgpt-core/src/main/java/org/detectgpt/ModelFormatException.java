package org.detectgpt;

import java.nio.file.Path;

/**
 * A model checkpoint, configuration or tokenizer file that cannot be read: truncated or
 * malformed weights, a missing or invalid {@code config.json}, an unsupported architecture.
 *
 * <p>The message is one line and starts with the file at fault, e.g.
 * {@code "model.safetensors: header length 9999 runs past the end of the file (812 bytes)"}.
 */
public final class ModelFormatException extends DetectGptException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file at fault (may be a folder)
     * @param problem what is wrong with it
     */
    public ModelFormatException(Path file, String problem) {
        super(oneLine(file + ": " + problem));
    }

    /**
     * @param file the file at fault (may be a folder)
     * @param problem what is wrong with it
     * @param cause underlying cause
     */
    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(oneLine(file + ": " + problem), cause);
    }

    /** Escapes line breaks (which a file name may hold) so that the message stays one line. */
    private static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\u0085", "\\u0085")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
