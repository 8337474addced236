package org.detectgpt.serve;

/**
 * What one batch may upload. A file over {@code maxFileBytes} becomes an error row (the others are
 * scanned); a batch over {@code maxBatchBytes} or {@code maxFiles} is refused whole, with a message
 * saying which limit and how to split it.
 *
 * @param maxFileBytes the largest file
 * @param maxBatchBytes the largest batch, all files together
 * @param maxFiles the most documents in a batch (files and pasted text)
 */
public record ServeLimits(long maxFileBytes, long maxBatchBytes, int maxFiles) {
    /** 20 MiB a file, 200 MiB and 500 documents a batch: a class's essays with room to spare. */
    public static final ServeLimits DEFAULTS = new ServeLimits(20L << 20, 200L << 20, 500);

    /** Checks the limits. */
    public ServeLimits {
        if (maxFileBytes < 1 || maxBatchBytes < maxFileBytes || maxFiles < 1) {
            throw new IllegalArgumentException("limits must be positive, the batch's at least the file's: "
                + maxFileBytes + ", " + maxBatchBytes + ", " + maxFiles);
        }
    }

    /** @return {@code bytes} for a person: "12.5 MB", "800 KB" (powers of 1024, as file managers show) */
    static String size(long bytes) {
        if (bytes >= 1L << 20) {
            double mb = bytes / (double) (1L << 20);
            return (mb == Math.rint(mb) ? String.format(java.util.Locale.ROOT, "%.0f", mb)
                : String.format(java.util.Locale.ROOT, "%.1f", mb)) + " MB";
        }
        return Math.max(1, (bytes + 1023) / 1024) + " KB";
    }
}
