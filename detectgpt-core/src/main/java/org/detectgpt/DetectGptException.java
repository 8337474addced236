package org.detectgpt;

/**
 * Base checked exception of detectgpt: a problem with a user's input (a model folder, a data
 * set, a text) that the caller is expected to report, not a programming error.
 *
 * <p>Messages are one line and name the file or input at fault, so a command-line tool can
 * print {@link #getMessage()} as it is.
 */
public class DetectGptException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message one-line description naming the input at fault */
    public DetectGptException(String message) {
        super(message);
    }

    /**
     * @param message one-line description naming the input at fault
     * @param cause underlying cause
     */
    public DetectGptException(String message, Throwable cause) {
        super(message, cause);
    }
}
