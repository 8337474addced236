package org.detectgpt.report;

import java.util.List;
import java.util.Objects;
import org.detectgpt.calibrate.Verdict;

/**
 * What a scan found about one document: the row of every report (console, JSONL, CSV, HTML).
 *
 * @param path the document's path as the scan names it
 * @param sha256 hex SHA-256 of the file's bytes (how {@code --resume} recognises a document);
 *     null when the file could not be read
 * @param verdict the verdict
 * @param score the criterion's score; NaN for errors
 * @param humanPercentile percentage of the calibration's human texts scoring below this one; NaN
 *     without a calibration for the document's language
 * @param language {@code en}, {@code zh} or {@code other}; null for errors
 * @param words the length in words (Chinese: characters); -1 for errors
 * @param model the scoring model's name; null for errors
 * @param criterion the criterion's name
 * @param reason why the verdict is what it is, one line (the error, the length short of the
 *     minimum, a missing calibration); null when a calibration gave the verdict plainly
 * @param format the format read ({@code text}, {@code markdown}, {@code html}, {@code docx},
 *     {@code pdf}); null for errors
 * @param sentences the text by sentence, with sentence scores; empty for errors
 * @param probability P(machine) from the calibration (at its prior); NaN without one
 * @param machinePercentile percentage of the calibration's machine texts scoring above this one;
 *     NaN without machine calibration scores
 */
public record DocumentReport(String path, String sha256, Verdict verdict, double score, double humanPercentile,
        String language, int words, String model, String criterion, String reason, String format,
        List<ScoredSentence> sentences, double probability, double machinePercentile) {
    /** A report without probability or machine percentile (no calibration, or an error). */
    public DocumentReport(String path, String sha256, Verdict verdict, double score, double humanPercentile,
            String language, int words, String model, String criterion, String reason, String format,
            List<ScoredSentence> sentences) {
        this(path, sha256, verdict, score, humanPercentile, language, words, model, criterion, reason, format,
            sentences, Double.NaN, Double.NaN);
    }

    /** Checks the required components and copies the sentences. */
    public DocumentReport {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(criterion, "criterion");
        sentences = List.copyOf(sentences);
    }

    /**
     * @param path the document's path
     * @param sha256 its hash, or null if it could not be read
     * @param criterion the criterion the scan used
     * @param reason the one-line reason
     * @return an {@code error} report
     */
    public static DocumentReport error(String path, String sha256, String criterion, String reason) {
        return new DocumentReport(path, sha256, Verdict.ERROR, Double.NaN, Double.NaN, null, -1, null, criterion,
            reason, null, List.of());
    }

    /** @return the number of highlighted sentences */
    public long highlightedCount() {
        return sentences.stream().filter(ScoredSentence::highlighted).count();
    }
}
