package org.detectgpt.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.detectgpt.DetectGptException;

/**
 * Writing report files safely: checked before a scan starts, and replaced whole or not at all.
 *
 * <p>A report is written to a temporary file beside it, forced to disk and renamed over the
 * target in one step, so a crash or a full disk leaves either the previous report or the new one,
 * never a truncated page that looks complete.
 */
public final class ReportFiles {
    private ReportFiles() {}

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param w the writer (UTF-8)
         * @throws IOException if writing fails
         */
        void write(Writer w) throws IOException;
    }

    /**
     * Checks, without creating anything, that {@code file} can be written: its folder exists and
     * is writable, and it is not itself a folder.
     *
     * @param file the report file
     * @throws DetectGptException naming the file and the problem
     */
    public static void checkWritable(Path file) throws DetectGptException {
        if (Files.isDirectory(file)) {
            throw new DetectGptException(file + ": is a folder; give a file name for the report");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new DetectGptException(file + ": cannot write: no folder " + parent);
        }
        if (!Files.isWritable(parent) || Files.exists(file) && !Files.isWritable(file)) {
            throw new DetectGptException(file + ": cannot write: permission denied");
        }
    }

    /**
     * Replaces {@code file} with what {@code content} writes, atomically.
     *
     * @param file the report file
     * @param content what to write
     * @throws DetectGptException if it cannot be written; the previous file is then untouched
     */
    public static void writeAtomically(Path file, Content content) throws DetectGptException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            // beside the target: a rename is atomic only within one file system
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream os = Channels.newOutputStream(ch);
                    Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8))) {
                content.write(w);
                w.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DetectGptException(file + ": cannot write: " + m.replaceAll("[\\r\\n]+", " "), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // best effort: a hidden leftover temporary file is harmless
                }
            }
        }
    }
}
