package org.detectgpt.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Out-of-fold scores files as {@code fit-ensemble --scores} writes them, for calibration tests. */
public final class ScoresFiles {
    private ScoresFiles() {}

    /**
     * Writes 300 English human scores of two sources and no machine scores: 200 of
     * {@code a.jsonl} at 0 … 199, and 100 of {@code b.jsonl}, which the detector finds
     * machine-like, at 150 … 249. Pooled, 1 % of 300 may be flagged: 247, 248, 249, all of
     * b.jsonl; b.jsonl's own 1 % of 100 allows one (249), its 5 % five (245 … 249).
     *
     * @param file where to write it
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    public static Path twoSources(Path file) throws IOException {
        StringBuilder h = new StringBuilder();
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            h.append(i == 0 ? "" : ",").append(i < 200 ? i : i - 50);
            src.append(i == 0 ? "" : ",").append(i < 200 ? "\"a.jsonl\"" : "\"b.jsonl\"");
        }
        return Files.writeString(file, "{\"criterion\": \"ensemble\", \"language\": \"en\", \"human\": [" + h
            + "], \"human_sources\": [" + src + "], \"machine\": []}");
    }
}
