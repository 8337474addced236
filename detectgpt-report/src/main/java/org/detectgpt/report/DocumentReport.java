package org.detectgpt.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.detect.ScoredSentence;

/**
 * What a scan found about one document, the row of every report (console, JSONL, CSV, HTML): it
 * was {@link Scored scored} (with a {@link Verdict}), {@link TooShort too short} to score, or it
 * {@link Failed failed} (could not be read or scored). Immutable.
 */
public sealed interface DocumentReport permits DocumentReport.Scored, DocumentReport.TooShort, DocumentReport.Failed {
    /** The label of a too-short document in reports. */
    String TOO_SHORT = "too-short";
    /** The label of a failed document in reports. */
    String ERROR = "error";
    /** Every label a report shows, in the order reports count and sort them. */
    List<String> LABELS = List.of(Verdict.LIKELY_MACHINE.label(), Verdict.INCONCLUSIVE.label(),
        Verdict.LIKELY_HUMAN.label(), TOO_SHORT, ERROR);

    /** @return the document's path as the scan names it */
    String path();

    /** @return the criterion the scan used */
    String criterion();

    /**
     * @return hex SHA-256 of the file's bytes (how {@code --resume} recognises a document); empty
     *     when the file could not be read
     */
    Optional<String> sha256Hex();

    /** @return why the outcome is what it is, one line, when that needs saying */
    Optional<String> note();

    /** @return {@code likely-machine}, {@code inconclusive}, {@code likely-human}, {@code too-short} or {@code error} */
    String label();

    /** @return the same report under another path (a copy of a document reused on resume) */
    DocumentReport withPath(String path);

    /** @return the position of {@link #label()} in {@link #LABELS} */
    default int rank() {
        return LABELS.indexOf(label());
    }

    /**
     * A document that was read and scored.
     *
     * @param path the document's path
     * @param sha256 hex SHA-256 of its bytes
     * @param criterion the criterion's name
     * @param verdict the verdict
     * @param score the criterion's score
     * @param probability P(machine) from the calibration (at its prior); NaN without one
     * @param humanPercentile percentage of the calibration's human texts scoring below this one;
     *     NaN without a calibration for the document's language
     * @param machinePercentile percentage of the calibration's machine texts scoring above this
     *     one; NaN without machine calibration scores
     * @param language {@code en}, {@code zh} or {@code other}
     * @param words the length in words (Chinese: characters)
     * @param model the scoring model's name
     * @param reason why the verdict is what it is (the length short of the minimum, a missing
     *     calibration), or empty when a calibration gave it plainly
     * @param format the format read ({@code text}, {@code markdown}, {@code html}, {@code docx}, {@code pdf})
     * @param sentences the text by sentence, with sentence scores
     */
    record Scored(String path, String sha256, String criterion, Verdict verdict, double score, double probability,
            double humanPercentile, double machinePercentile, String language, int words, String model,
            Optional<String> reason, String format, List<ScoredSentence> sentences) implements DocumentReport {
        /** Checks the components and copies the sentences. */
        public Scored {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(format, "format");
            sentences = List.copyOf(sentences);
        }

        @Override
        public Optional<String> sha256Hex() {
            return Optional.of(sha256);
        }

        @Override
        public Optional<String> note() {
            return reason;
        }

        @Override
        public String label() {
            return verdict.label();
        }

        @Override
        public Scored withPath(String p) {
            return new Scored(p, sha256, criterion, verdict, score, probability, humanPercentile, machinePercentile,
                language, words, model, reason, format, sentences);
        }

        /** @return the number of highlighted sentences */
        public long highlightedCount() {
            return sentences.stream().filter(ScoredSentence::highlighted).count();
        }
    }

    /**
     * A document that was read but is too short for any score.
     *
     * @param path the document's path
     * @param sha256 hex SHA-256 of its bytes
     * @param criterion the criterion the scan used
     * @param language {@code en}, {@code zh} or {@code other}
     * @param words the length in words (Chinese: characters)
     * @param model the model that would have scored it
     * @param reason the length and the floor it is under
     * @param format the format read
     * @param sentences the text by sentence, unscored
     */
    record TooShort(String path, String sha256, String criterion, String language, int words, String model,
            String reason, String format, List<ScoredSentence> sentences) implements DocumentReport {
        /** Checks the components and copies the sentences. */
        public TooShort {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(format, "format");
            sentences = List.copyOf(sentences);
        }

        @Override
        public Optional<String> sha256Hex() {
            return Optional.of(sha256);
        }

        @Override
        public Optional<String> note() {
            return Optional.of(reason);
        }

        @Override
        public String label() {
            return TOO_SHORT;
        }

        @Override
        public TooShort withPath(String p) {
            return new TooShort(p, sha256, criterion, language, words, model, reason, format, sentences);
        }
    }

    /**
     * A document that could not be read or scored.
     *
     * @param path the document's path
     * @param sha256 hex SHA-256 of its bytes; empty when the file could not be read at all
     * @param criterion the criterion the scan used
     * @param reason the one-line reason
     */
    record Failed(String path, Optional<String> sha256, String criterion, String reason) implements DocumentReport {
        /** Checks the components. */
        public Failed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<String> sha256Hex() {
            return sha256;
        }

        @Override
        public Optional<String> note() {
            return Optional.of(reason);
        }

        @Override
        public String label() {
            return ERROR;
        }

        @Override
        public Failed withPath(String p) {
            return new Failed(p, sha256, criterion, reason);
        }
    }
}
