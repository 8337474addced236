package org.detectgpt.calibrate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.detectgpt.language.Language;
import org.detectgpt.metrics.RocCurve;
import org.detectgpt.util.Args;

/**
 * Computes a {@link Calibration} from the scores of texts known to be human.
 *
 * <p>The threshold is {@link RocCurve#thresholdForFpr}: the smallest threshold that flags at most
 * the target share of the human scores. Its uncertainty is a percentile bootstrap: the human
 * scores are resampled with replacement {@link #resamples()} times (seeded, so a calibration is
 * reproducible), the threshold recomputed on each resample, and the central
 * {@link #confidence()} share of those thresholds reported. With few texts the interval is wide
 * — e.g. a 1 % target needs well over 100 human texts before its threshold means much — and the
 * calibration file says so by its numbers rather than hiding it.
 *
 * <p>Immutable; {@code with*} return copies.
 */
public final class Calibrator {
    /** Fewest human texts accepted: below that no threshold is worth stating. */
    public static final int MIN_TEXTS = 10;

    private final double targetFpr;
    private final int resamples;
    private final double confidence;
    private final long seed;

    private Calibrator(double targetFpr, int resamples, double confidence, long seed) {
        Args.check(targetFpr > 0 && targetFpr < 1, "the target false-positive rate must be in (0, 1): %s",
            targetFpr);
        Args.check(confidence > 0 && confidence < 1, "confidence must be in (0, 1): %s", confidence);
        this.targetFpr = targetFpr;
        this.resamples = Args.positive(resamples, "resamples");
        this.confidence = confidence;
        this.seed = seed;
    }

    /** @return target FPR 1 %, 2,000 resamples, 95 % confidence, seed 20240101 */
    public static Calibrator defaults() {
        return new Calibrator(0.01, 2000, 0.95, 20240101L);
    }

    /** @return a copy with another target false-positive rate */
    public Calibrator withTargetFpr(double fpr) {
        return new Calibrator(fpr, resamples, confidence, seed);
    }

    /** @return a copy with another number of bootstrap resamples */
    public Calibrator withResamples(int n) {
        return new Calibrator(targetFpr, n, confidence, seed);
    }

    /** @return a copy with another confidence level */
    public Calibrator withConfidence(double level) {
        return new Calibrator(targetFpr, resamples, level, seed);
    }

    /** @return a copy with another random seed */
    public Calibrator withSeed(long s) {
        return new Calibrator(targetFpr, resamples, confidence, s);
    }

    /** @return the target false-positive rate */
    public double targetFpr() {
        return targetFpr;
    }

    /** @return the number of bootstrap resamples */
    public int resamples() {
        return resamples;
    }

    /** @return the confidence level of the interval */
    public double confidence() {
        return confidence;
    }

    /**
     * @param humanScores scores of human texts, at least {@value #MIN_TEXTS}, finite
     * @param language their language
     * @param model the scoring model's name
     * @param modelParameters its number of weights
     * @param criterion the criterion's name
     * @return the calibration
     * @throws IllegalArgumentException with too few or non-finite scores
     */
    public Calibration calibrate(double[] humanScores, Language language, String model, long modelParameters,
            String criterion) {
        int n = humanScores.length;
        Args.check(n >= MIN_TEXTS, "%d human texts in %s: calibration needs at least %d", n, language.code(),
            MIN_TEXTS);
        Args.check(Arrays.stream(humanScores).allMatch(Double::isFinite), "human scores must be finite");
        double threshold = RocCurve.thresholdForFpr(humanScores, targetFpr);
        double[] boot = new double[resamples];
        double[] sample = new double[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = humanScores[rnd.nextInt(n)];
            }
            boot[b] = RocCurve.thresholdForFpr(sample, targetFpr);
        }
        Arrays.sort(boot);
        double alpha = (1 - confidence) / 2;
        double[] sorted = humanScores.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Calibration(language, model, modelParameters, criterion, targetFpr, threshold,
            quantile(boot, alpha), quantile(boot, 1 - alpha), confidence, resamples, median, sorted);
    }

    /** Linear interpolation between order statistics (type 7, as numpy's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double a = sorted[lo];
        double b = sorted[hi];
        // thresholds may be ±∞ at the extremes; interpolating those would give NaN
        return a == b || h == lo ? a : a + (h - lo) * (b - a);
    }
}
