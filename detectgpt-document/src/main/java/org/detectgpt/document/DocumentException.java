package org.detectgpt.document;

import org.detectgpt.DetectGptException;

/**
 * A document whose text cannot be extracted: empty, binary, corrupt, encrypted, unreadable or
 * over the length cap. The message is one line and starts with the file name.
 */
public final class DocumentException extends DetectGptException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file name (or path) at fault
     * @param problem what is wrong, one line
     */
    public DocumentException(String file, String problem) {
        super(file + ": " + oneLine(problem));
    }

    /** @return {@code s} with line breaks turned into spaces, so a library's message stays one line */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ").strip();
    }

    /** @return the problem alone, without the file name the message starts with */
    public String problem() {
        String m = getMessage();
        int colon = m.indexOf(": ");
        return colon < 0 ? m : m.substring(colon + 2);
    }
}
