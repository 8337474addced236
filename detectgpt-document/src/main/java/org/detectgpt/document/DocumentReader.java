package org.detectgpt.document;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.detectgpt.util.Args;

/**
 * Extracts the text of a document: plain text ({@code .txt}, {@code .text}), Markdown
 * ({@code .md}, {@code .markdown}), HTML ({@code .html}, {@code .htm}, {@code .xhtml}), Word
 * ({@code .docx}) and PDF ({@code .pdf}); the format is chosen by the file name's extension.
 *
 * <p>Plain text and Markdown are decoded with a detected encoding (BOM, strict UTF-8, then
 * Mozilla's universal charset detector); HTML with its declared one. Every failure is a
 * {@link DocumentException} with a one-line reason: empty file, binary data, corrupt or
 * encrypted .docx/.pdf, unreadable file, or a text over the length cap — long files are refused
 * rather than silently cut, so that a score always describes the whole document.
 *
 * <p>Limits: {@link #maxChars()} characters of extracted text (default {@value #DEFAULT_MAX_CHARS},
 * about 30,000 English words, far beyond any essay) and {@link #maxFileBytes()} bytes of file
 * (default 64 MiB, checked before the file is read). Immutable; {@code with*} return copies.
 *
 * <pre>{@code
 * DocumentReader reader = DocumentReader.defaults().withMaxChars(100_000);
 * ExtractedText t = reader.read(Path.of("essay.docx"));
 * }</pre>
 */
public final class DocumentReader {
    /** Default cap on extracted characters. */
    public static final int DEFAULT_MAX_CHARS = 200_000;
    /** The file name extensions read, lower case, without the dot. */
    public static final List<String> EXTENSIONS = List.of("txt", "text", "md", "markdown", "html", "htm", "xhtml",
        "docx", "pdf");

    private final int maxChars;
    private final long maxFileBytes;

    private DocumentReader(int maxChars, long maxFileBytes) {
        this.maxChars = Args.positive(maxChars, "maxChars");
        Args.check(maxFileBytes > 0, "maxFileBytes must be positive: %d", maxFileBytes);
        this.maxFileBytes = maxFileBytes;
    }

    /** @return a reader with the default limits */
    public static DocumentReader defaults() {
        return new DocumentReader(DEFAULT_MAX_CHARS, 64L << 20);
    }

    /** @return a copy that refuses texts longer than {@code chars} characters */
    public DocumentReader withMaxChars(int chars) {
        return new DocumentReader(chars, maxFileBytes);
    }

    /** @return a copy that refuses files larger than {@code bytes} without reading them */
    public DocumentReader withMaxFileBytes(long bytes) {
        return new DocumentReader(maxChars, bytes);
    }

    /** @return the cap on extracted characters */
    public int maxChars() {
        return maxChars;
    }

    /** @return the cap on file size, in bytes */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /**
     * @param file any path
     * @return whether its extension is one this reader handles
     */
    public static boolean isSupported(Path file) {
        return EXTENSIONS.contains(extension(file.getFileName() == null ? "" : file.getFileName().toString()));
    }

    /**
     * @param fileName a file name
     * @return the format its extension selects ({@code text}, {@code markdown}, {@code html},
     *     {@code docx}, {@code pdf}, as in {@link ExtractedText#format()}), or null if unsupported
     */
    public static String formatOf(String fileName) {
        return switch (extension(fileName)) {
            case "txt", "text" -> "text";
            case "md", "markdown" -> "markdown";
            case "html", "htm", "xhtml" -> "html";
            case "docx" -> "docx";
            case "pdf" -> "pdf";
            default -> null;
        };
    }

    /**
     * Reads a file's bytes, refusing it first if it is too large to hold a text under the caps.
     *
     * @param file the file
     * @return its bytes
     * @throws DocumentException if it cannot be read or is over the caps
     */
    public byte[] readBytes(Path file) throws DocumentException {
        String name = file.toString();
        try {
            // checked before opening: reading a named pipe would wait for a writer forever
            if (!Files.isRegularFile(file) && Files.exists(file)) {
                throw new DocumentException(name, Files.isDirectory(file) ? "a folder, not a document"
                    : "not a regular file (a pipe, socket or device): not opened");
            }
            long size = Files.size(file);
            // A text file of n bytes decodes to at least n / 4 characters (UTF-8/16/32), so a file
            // over 4 × maxChars bytes is over the text cap without being read.
            long limit = isPlainText(name) ? Math.min(maxFileBytes, 4L * maxChars) : maxFileBytes;
            if (size > limit) {
                throw new DocumentException(name, String.format(Locale.ROOT, isPlainText(name)
                    ? "too large: %,d bytes; texts are capped at %,d characters (--max-chars), so such a file over "
                        + "%,d bytes is not read"
                    : "too large: %,d bytes; the cap is %3$,d bytes of file (and %2$,d characters of text)",
                    size, maxChars, limit));
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DocumentException(name, "no such file");
        } catch (AccessDeniedException e) {
            throw new DocumentException(name, "permission denied");
        } catch (IOException e) {
            throw new DocumentException(name, "cannot read: " + DocumentException.oneLine(e.getMessage()));
        }
    }

    /**
     * @param file the file
     * @return its text
     * @throws DocumentException with a one-line reason naming the file
     */
    public ExtractedText read(Path file) throws DocumentException {
        return extract(file.toString(), readBytes(file));
    }

    /**
     * @param fileName the file's name (its extension selects the format; it also names the file in
     *     error messages)
     * @param bytes the file's content
     * @return its text
     * @throws DocumentException with a one-line reason naming the file
     */
    public ExtractedText extract(String fileName, byte[] bytes) throws DocumentException {
        if (bytes.length == 0) {
            throw new DocumentException(fileName, "empty file");
        }
        String ext = extension(fileName);
        ExtractedText t = switch (ext) {
            case "txt", "text" -> plain(fileName, bytes, "text");
            case "md", "markdown" -> {
                ExtractedText raw = plain(fileName, bytes, "markdown");
                yield new ExtractedText(MarkdownText.strip(raw.text()), raw.format(), raw.charset());
            }
            case "html", "htm", "xhtml" -> HtmlText.extract(fileName, bytes);
            case "docx" -> DocxText.extract(fileName, bytes, maxChars);
            case "pdf" -> PdfText.extract(fileName, bytes, maxChars);
            default -> throw new DocumentException(fileName, "unsupported file type '." + ext
                + "' (supported: ." + String.join(", .", EXTENSIONS) + ")");
        };
        String text = t.text().replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.isEmpty()) {
            throw new DocumentException(fileName, "no text in it");
        }
        if (text.length() > maxChars) {
            throw new DocumentException(fileName, String.format(Locale.ROOT,
                "text too long: %,d characters, over the cap of %,d (raise it with --max-chars)", text.length(),
                maxChars));
        }
        return new ExtractedText(text, t.format(), t.charset());
    }

    private static ExtractedText plain(String fileName, byte[] bytes, String format) throws DocumentException {
        TextDecoding.Decoded d = TextDecoding.decode(fileName, bytes);
        return new ExtractedText(d.text(), format, d.charset());
    }

    private static boolean isPlainText(String name) {
        return List.of("txt", "text", "md", "markdown").contains(extension(name));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return dot < 0 || dot < slash ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
