package org.detectgpt.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashes of files, read as a stream so that multi-gigabyte weights need no memory. */
public final class FileDigests {
    private FileDigests() {}

    /**
     * @param file a file
     * @return its SHA-256, lower-case hex
     * @throws IOException if it cannot be read
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = digest("SHA-256");
        update(md, file);
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The id git (and so the Hugging Face hub, for files not in LFS) gives a file's content:
     * SHA-1 of {@code "blob <size>\0"} followed by the content.
     *
     * @param file a file
     * @return its git blob id, lower-case hex
     * @throws IOException if it cannot be read
     */
    public static String gitBlobSha1(Path file) throws IOException {
        MessageDigest md = digest("SHA-1");
        md.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        update(md, file);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
