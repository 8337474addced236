package org.detectgpt.calibrate;

import java.util.Arrays;
import java.util.Objects;
import org.detectgpt.language.Language;
import org.detectgpt.util.Args;

/**
 * A threshold for one model, criterion and language, measured on texts known to be human, and
 * the verdict rule built on it.
 *
 * <p><b>Verdict rule</b> for a score s of a long-enough text:
 * <ul>
 *   <li>{@code likely-machine} when s ≥ {@link #threshold()}: on the calibration texts at most
 *       {@link #targetFpr()} of the human texts scored this high, so that is the expected rate of
 *       false accusations among human texts like them;</li>
 *   <li>{@code likely-human} when s &lt; {@link #humanMedian()}: lower than half of the known
 *       human texts;</li>
 *   <li>{@code inconclusive} in between: more machine-like than a typical human text, yet not
 *       beyond what the human texts themselves reached more often than the target rate. It is
 *       not a softer "machine": about half of all human texts land here.</li>
 * </ul>
 *
 * <p>{@link #humanPercentile(double)} places a score among the human calibration scores.
 *
 * @param language the language of the texts
 * @param model the scoring model's name (and the sampling model's after a {@code +})
 * @param modelParameters the scoring model's number of weights, to tell same-named models apart
 * @param criterion the criterion's name
 * @param targetFpr the target false-positive rate, in (0, 1)
 * @param threshold the threshold meeting it on the human scores
 * @param ciLow lower end of the bootstrap confidence interval of the threshold
 * @param ciHigh upper end of the bootstrap confidence interval of the threshold
 * @param confidence the interval's confidence level, e.g. 0.95
 * @param resamples the number of bootstrap resamples
 * @param humanMedian the median human score (the threshold at 50 % FPR)
 * @param humanScores the human scores, sorted ascending
 */
public record Calibration(Language language, String model, long modelParameters, String criterion,
        double targetFpr, double threshold, double ciLow, double ciHigh, double confidence, int resamples,
        double humanMedian, double[] humanScores) {
    /** Checks the components and copies and sorts the scores. */
    public Calibration {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(criterion, "criterion");
        Args.check(targetFpr > 0 && targetFpr < 1, "targetFpr must be in (0, 1): %s", targetFpr);
        Args.check(humanScores.length > 0, "no human scores");
        humanScores = humanScores.clone();
        Arrays.sort(humanScores);
    }

    @Override
    public double[] humanScores() {
        return humanScores.clone();
    }

    /** @return the number of human texts it was measured on */
    public int size() {
        return humanScores.length;
    }

    /**
     * @param score a score of a long-enough text, same model, criterion and language
     * @return {@link Verdict#LIKELY_MACHINE}, {@link Verdict#INCONCLUSIVE} or {@link Verdict#LIKELY_HUMAN}
     */
    public Verdict verdict(double score) {
        if (score >= threshold) {
            return Verdict.LIKELY_MACHINE;
        }
        return score < humanMedian ? Verdict.LIKELY_HUMAN : Verdict.INCONCLUSIVE;
    }

    /**
     * @param score a score
     * @return the percentage of human calibration scores below it, ties counted half, in [0, 100]
     */
    public double humanPercentile(double score) {
        int below = lowerBound(score);
        int upTo = below;
        while (upTo < humanScores.length && humanScores[upTo] == score) {
            upTo++;
        }
        return 100.0 * (below + 0.5 * (upTo - below)) / humanScores.length;
    }

    private int lowerBound(double score) {
        int lo = 0;
        int hi = humanScores.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (humanScores[mid] < score) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @param modelName a scoring model's name as in {@link #model()}
     * @param parameters its number of weights
     * @param criterionName a criterion's name
     * @return whether this calibration was measured with that model and criterion
     */
    public boolean matches(String modelName, long parameters, String criterionName) {
        return model.equals(modelName) && modelParameters == parameters && criterion.equals(criterionName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && language == c.language && model.equals(c.model)
            && modelParameters == c.modelParameters && criterion.equals(c.criterion)
            && Double.compare(targetFpr, c.targetFpr) == 0 && Double.compare(threshold, c.threshold) == 0
            && Double.compare(ciLow, c.ciLow) == 0 && Double.compare(ciHigh, c.ciHigh) == 0
            && Double.compare(confidence, c.confidence) == 0 && resamples == c.resamples
            && Double.compare(humanMedian, c.humanMedian) == 0 && Arrays.equals(humanScores, c.humanScores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(language, model, criterion, threshold, Arrays.hashCode(humanScores));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Calibration[%s, %s, %s, fpr=%s, threshold=%.4f, n=%d]",
            language.code(), model, criterion, targetFpr, threshold, humanScores.length);
    }
}
