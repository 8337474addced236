package org.detectgpt.document;

import java.util.Objects;

/**
 * The text of one document.
 *
 * @param text the extracted text; paragraphs are separated by a blank line where the format
 *     tells them apart
 * @param format the format it was read as: {@code text}, {@code markdown}, {@code html},
 *     {@code docx} or {@code pdf}
 * @param charset the character encoding of a text, Markdown or HTML file (detected or declared);
 *     null for .docx and .pdf
 */
public record ExtractedText(String text, String format, String charset) {
    /** Checks the non-null components. */
    public ExtractedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
    }
}
