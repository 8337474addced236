package org.detectgpt.report;

import java.util.List;
import org.detectgpt.detect.ScoredSentence;
import org.detectgpt.report.DocumentReport.Failed;
import org.detectgpt.report.DocumentReport.Scored;
import org.detectgpt.report.DocumentReport.TooShort;

/**
 * One document flattened into the cells the writers print: numbers that do not apply are NaN,
 * texts that do not apply null, a length that does not apply -1. The writers (and the web page of
 * {@code detectgpt serve}) print through it, so that every format shows a missing value alike.
 *
 * @param path the document's path
 * @param sha256 hex SHA-256, or null
 * @param label the report label ({@link DocumentReport#label()})
 * @param score the score, or NaN
 * @param probability P(machine), or NaN
 * @param humanPercentile the human percentile, or NaN
 * @param machinePercentile the machine percentile, or NaN
 * @param language the language code, or null
 * @param words the length in words (Chinese: characters), or -1
 * @param model the model, or null
 * @param criterion the criterion
 * @param reason the note, or null
 * @param format the format read, or null
 * @param sentences the sentences, possibly none
 */
public record Row(String path, String sha256, String label, double score, double probability, double humanPercentile,
        double machinePercentile, String language, int words, String model, String criterion, String reason,
        String format, List<ScoredSentence> sentences) {

    /**
     * @param r a document's report
     * @return its cells
     */
    public static Row of(DocumentReport r) {
        String sha = r.sha256Hex().orElse(null);
        String reason = r.note().orElse(null);
        if (r instanceof Scored s) {
            return new Row(s.path(), sha, s.label(), s.score(), s.probability(), s.humanPercentile(),
                s.machinePercentile(), s.language(), s.words(), s.model(), s.criterion(), reason, s.format(),
                s.sentences());
        }
        if (r instanceof TooShort t) {
            return new Row(t.path(), sha, t.label(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, t.language(),
                t.words(), t.model(), t.criterion(), reason, t.format(), t.sentences());
        }
        Failed f = (Failed) r;
        return new Row(f.path(), sha, f.label(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, -1, null,
            f.criterion(), reason, null, List.of());
    }
}
