package org.detectgpt.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.detectgpt.language.Language;
import org.detectgpt.metrics.RocCurve;
import org.detectgpt.util.Args;

/**
 * Computes a {@link Calibration} from the scores of texts known to be human and, when available,
 * texts known to be machine-written.
 *
 * <p>The {@code likely-machine} threshold is the smallest threshold that flags at most the
 * target share F of the human scores ({@link RocCurve#thresholdForFpr}) <em>and</em>, when the
 * human scores come from named sources (kinds of writing, writers, files), at most the share G
 * ({@link #withSourceFpr}) of each source with at least {@value #MIN_SOURCE_TEXTS} texts:
 * t = max(t<sub>F</sub>(all), max<sub>s</sub> t<sub>G</sub>(s)). A pooled 1 % can hide one kind
 * of writer flagged at 5 %; the per-source bound keeps the false accusations even across them, at
 * the price of a higher threshold. With one source (or none named) the rule is the pooled one. Its
 * uncertainty is a percentile bootstrap: the human scores are resampled with replacement within
 * each source {@link #resamples()} times (seeded, so a calibration is reproducible), the
 * threshold recomputed on each resample, and the central {@link #confidence()} share of those
 * thresholds reported. The
 * {@code likely-human} bound is the machine score below which at most M of the machine scores
 * lie; P(machine) is fitted on both (see {@link Calibration}).
 *
 * <p>Each class needs {@value #MIN_TEXTS} texts; {@link #withForce} accepts down to
 * {@value #MIN_FORCED_TEXTS} — the bootstrap interval then shows how little such a threshold
 * means. Immutable; {@code with*} return copies.
 */
public final class Calibrator {
    /** Fewest texts of a class accepted by default. */
    public static final int MIN_TEXTS = 50;
    /** Fewest texts of a class accepted with {@link #withForce}. */
    public static final int MIN_FORCED_TEXTS = 10;
    /** Fewest human texts a source needs for its own bound: fewer make its quantile one or two texts. */
    public static final int MIN_SOURCE_TEXTS = 100;

    private final double targetFpr;
    private final double targetFnr;
    private final double sourceFpr;
    private final double prior;
    private final int resamples;
    private final double confidence;
    private final long seed;
    private final boolean force;

    private Calibrator(double targetFpr, double targetFnr, double sourceFpr, double prior, int resamples,
            double confidence, long seed, boolean force) {
        Args.check(targetFpr > 0 && targetFpr < 1, "the target false-positive rate must be in (0, 1): %s",
            targetFpr);
        Args.check(targetFnr > 0 && targetFnr < 1, "the target share of machine texts called human must be in (0, 1): %s",
            targetFnr);
        Args.check(Double.isNaN(sourceFpr) || (sourceFpr > 0 && sourceFpr < 1),
            "the false-positive bound per source must be in (0, 1): %s", sourceFpr);
        Args.check(prior > 0 && prior < 1, "the prior must be in (0, 1): %s", prior);
        Args.check(confidence > 0 && confidence < 1, "confidence must be in (0, 1): %s", confidence);
        this.targetFpr = targetFpr;
        this.targetFnr = targetFnr;
        this.sourceFpr = sourceFpr;
        this.prior = prior;
        this.resamples = Args.positive(resamples, "resamples");
        this.confidence = confidence;
        this.seed = seed;
        this.force = force;
    }

    /** @return F = 1 %, G = F, M = 5 %, prior 0.5, 2,000 resamples, 95 % confidence, seed 20240101 */
    public static Calibrator defaults() {
        return new Calibrator(0.01, 0.05, Double.NaN, 0.5, 2000, 0.95, 20240101L, false);
    }

    /** @return a copy with another target false-positive rate F */
    public Calibrator withTargetFpr(double fpr) {
        return new Calibrator(fpr, targetFnr, sourceFpr, prior, resamples, confidence, seed, force);
    }

    /**
     * @param g G, the share of each named human source's texts that may be called
     *     {@code likely-machine} (default: F); the pooled target F holds as well
     * @return a copy with that bound
     */
    public Calibrator withSourceFpr(double g) {
        return new Calibrator(targetFpr, targetFnr, g, prior, resamples, confidence, seed, force);
    }

    /** @return a copy with another target share M of machine texts called {@code likely-human} */
    public Calibrator withTargetFnr(double fnr) {
        return new Calibrator(targetFpr, fnr, sourceFpr, prior, resamples, confidence, seed, force);
    }

    /** @return a copy with another prior share of machine texts for P(machine) */
    public Calibrator withPrior(double p) {
        return new Calibrator(targetFpr, targetFnr, sourceFpr, p, resamples, confidence, seed, force);
    }

    /** @return a copy with another number of bootstrap resamples */
    public Calibrator withResamples(int n) {
        return new Calibrator(targetFpr, targetFnr, sourceFpr, prior, n, confidence, seed, force);
    }

    /** @return a copy with another confidence level */
    public Calibrator withConfidence(double level) {
        return new Calibrator(targetFpr, targetFnr, sourceFpr, prior, resamples, level, seed, force);
    }

    /** @return a copy with another random seed */
    public Calibrator withSeed(long s) {
        return new Calibrator(targetFpr, targetFnr, sourceFpr, prior, resamples, confidence, s, force);
    }

    /** @return a copy that accepts as few as {@value #MIN_FORCED_TEXTS} texts of a class */
    public Calibrator withForce(boolean f) {
        return new Calibrator(targetFpr, targetFnr, sourceFpr, prior, resamples, confidence, seed, f);
    }

    /** @return the target false-positive rate */
    public double targetFpr() {
        return targetFpr;
    }

    /** @return G, the bound on each named human source of {@value #MIN_SOURCE_TEXTS} texts or more */
    public double sourceFpr() {
        return Double.isNaN(sourceFpr) ? targetFpr : sourceFpr;
    }

    /** @return the number of bootstrap resamples */
    public int resamples() {
        return resamples;
    }

    /** @return the confidence level of the interval */
    public double confidence() {
        return confidence;
    }

    /** @return the fewest texts of a class this calibrator accepts */
    public int minTexts() {
        return force ? MIN_FORCED_TEXTS : MIN_TEXTS;
    }

    /**
     * @param humanScores scores of human texts, finite, at least {@link #minTexts()}
     * @param machineScores scores of machine texts, finite: none, or at least {@link #minTexts()}
     * @param machineSource where the machine scores come from (for reports)
     * @param language their language
     * @param model the scoring model's name
     * @param modelParameters its number of weights
     * @param criterion the criterion's name
     * @return the calibration (the human texts as one source)
     * @throws IllegalArgumentException with too few or non-finite scores, or machine scores alone
     */
    public Calibration calibrate(double[] humanScores, double[] machineScores, String machineSource, Language language,
            String model, long modelParameters, String criterion) {
        return calibrate(humanScores, null, machineScores, machineSource, language, model, modelParameters, criterion);
    }

    /**
     * @param humanScores scores of human texts, finite, at least {@link #minTexts()}
     * @param humanSources the source of each human score, or null when they are one source
     * @param machineScores scores of machine texts, finite: none, or at least {@link #minTexts()}
     * @param machineSource where the machine scores come from (for reports)
     * @param language their language
     * @param model the scoring model's name
     * @param modelParameters its number of weights
     * @param criterion the criterion's name
     * @return the calibration, with each source's share of {@code likely-machine} at its threshold
     * @throws IllegalArgumentException with too few or non-finite scores, or machine scores alone
     */
    public Calibration calibrate(double[] humanScores, String[] humanSources, double[] machineScores,
            String machineSource, Language language, String model, long modelParameters, String criterion) {
        int n = humanScores.length;
        Args.check(n > 0 || machineScores.length == 0, "%d machine texts and no human texts in %s: a calibration "
            + "needs texts known to be human (the false-positive rate is measured on them)", machineScores.length,
            language.code());
        Args.check(n >= minTexts(), "%d human texts in %s: calibration needs at least %d%s", n, language.code(),
            minTexts(), force ? "" : " (--force accepts " + MIN_FORCED_TEXTS + ")");
        Args.check(machineScores.length == 0 || machineScores.length >= minTexts(),
            "%d machine texts in %s: calibration needs none or at least %d%s", machineScores.length, language.code(),
            minTexts(), force ? "" : " (--force accepts " + MIN_FORCED_TEXTS + ")");
        Args.check(humanSources == null || humanSources.length == n, "%d sources for %d human scores",
            humanSources == null ? 0 : humanSources.length, n);
        Args.check(Arrays.stream(humanScores).allMatch(Double::isFinite), "human scores must be finite");
        Args.check(Arrays.stream(machineScores).allMatch(Double::isFinite), "machine scores must be finite");
        // by source name, each sorted, so the calibration depends on the scores and not on their
        // order (a scan with several threads lists documents in the order they finish)
        Map<String, List<Double>> by = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            by.computeIfAbsent(humanSources == null ? "" : humanSources[i], k -> new ArrayList<>()).add(humanScores[i]);
        }
        List<String> names = List.copyOf(by.keySet());
        double[][] strata = new double[names.size()][];
        for (int s = 0; s < strata.length; s++) {
            strata[s] = by.get(names.get(s)).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        double[] machine = machineScores.clone();
        Arrays.sort(machine);
        double threshold = threshold(strata);
        double[] boot = new double[resamples];
        double[][] sample = new double[strata.length][];
        for (int s = 0; s < strata.length; s++) {
            sample[s] = new double[strata[s].length];
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            for (int s = 0; s < strata.length; s++) {
                double[] from = strata[s];
                for (int i = 0; i < from.length; i++) {
                    sample[s][i] = from[rnd.nextInt(from.length)];
                }
            }
            boot[b] = threshold(sample);
        }
        Arrays.sort(boot);
        double alpha = (1 - confidence) / 2;
        // each bounded source, then the small ones (a shell glob makes one per file) as one row
        List<Calibration.SourceRate> rates = new ArrayList<>();
        int small = 0;
        int smallTexts = 0;
        int smallFlagged = 0;
        String smallName = null;
        if (strata.length > 1) {
            for (int s = 0; s < strata.length; s++) {
                int flagged = (int) Math.round(RocCurve.rateAtOrAbove(strata[s], threshold) * strata[s].length);
                if (strata[s].length >= MIN_SOURCE_TEXTS) {
                    rates.add(new Calibration.SourceRate(names.get(s), strata[s].length, flagged, true));
                } else {
                    small++;
                    smallTexts += strata[s].length;
                    smallFlagged += flagged;
                    smallName = names.get(s);
                }
            }
        }
        if (small > 0) {
            rates.add(new Calibration.SourceRate(small == 1 ? smallName : small + " sources of fewer than "
                + MIN_SOURCE_TEXTS + " texts each", smallTexts, smallFlagged, false));
        }
        return new Calibration(language, model, modelParameters, criterion, targetFpr, threshold,
            quantile(boot, alpha), quantile(boot, 1 - alpha), confidence, resamples, humanScores, targetFnr,
            machine, machineSource, prior, rates, sourceFpr());
    }

    /** t = max(t_F(all), max over sources of at least MIN_SOURCE_TEXTS of t_G(source)). */
    private double threshold(double[][] strata) {
        int n = 0;
        for (double[] s : strata) {
            n += s.length;
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] s : strata) {
            System.arraycopy(s, 0, all, at, s.length);
            at += s.length;
        }
        double t = RocCurve.thresholdForFpr(all, targetFpr);
        if (strata.length > 1) {
            for (double[] s : strata) {
                if (s.length >= MIN_SOURCE_TEXTS) {
                    t = Math.max(t, RocCurve.thresholdForFpr(s, sourceFpr()));
                }
            }
        }
        return t;
    }

    /**
     * A calibration from human texts alone (no {@code likely-human} verdicts until machine scores
     * are added with {@link Calibration#withMachineScores}).
     */
    public Calibration calibrate(double[] humanScores, Language language, String model, long modelParameters,
            String criterion) {
        return calibrate(humanScores, new double[0], "none", language, model, modelParameters, criterion);
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
