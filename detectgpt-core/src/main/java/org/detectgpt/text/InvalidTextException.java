package org.detectgpt.text;

import org.detectgpt.DetectGptException;

/** A text that cannot be scored: empty, only whitespace or control characters, or too short. */
public final class InvalidTextException extends DetectGptException {
    private static final long serialVersionUID = 1L;

    /** @param message one-line description of the problem */
    public InvalidTextException(String message) {
        super(message);
    }
}
