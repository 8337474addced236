package org.detectgpt.calibrate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.detectgpt.language.Language;
import org.detectgpt.util.Args;

/**
 * The verdict rule for one model, criterion and language, measured on texts known to be human
 * AND texts known to be machine-written. Immutable and thread-safe.
 *
 * <p><b>Verdict rule</b> for a finite score s of a long-enough text ({@link #assess}):
 * <ul>
 *   <li>{@code likely-machine} when s ≥ {@link #threshold()}: at most {@link #targetFpr()} (F) of
 *       the human calibration texts scored this high — the expected rate of false accusations
 *       among human texts like them — and, when they came from named sources, at most
 *       {@link #sourceFpr()} (G) of each source of {@value Calibrator#MIN_SOURCE_TEXTS} texts or
 *       more ({@link #sourceRates()} says how each fared);</li>
 *   <li>{@code likely-human} when s &lt; {@link #humanThreshold()}: at most
 *       {@link #targetFnr()} (M) of the machine calibration texts scored this low — the expected
 *       share of machine texts that get this verdict;</li>
 *   <li>{@code inconclusive} otherwise (and for a non-finite score): neither conclusion holds at
 *       the stated error rates. With a weak detector most texts land here, which is honest.</li>
 * </ul>
 * When the machine scores are missing, {@code likely-human} is never given.
 *
 * <p><b>P(machine)</b> ({@link #probability}) is an isotonic regression (pool-adjacent-violators)
 * of the label on the calibration scores, each class weighted to the stated {@link #prior()}
 * (default 0.5: as many machine as human texts), interpolated linearly between the pooled
 * blocks' mean scores and kept in [0.01, 0.99] — a sample of calibration texts supports no
 * stronger claim. It is monotone in the score. It is the probability for texts like the
 * calibration texts at that prior; with fewer machine texts in a class, it is lower.
 */
public final class Calibration {
    /** Lowest and highest probability stated. */
    public static final double MIN_PROBABILITY = 0.01;

    /**
     * One named source of the human calibration texts at the threshold, or the sources too small
     * to be bounded on their own, together.
     *
     * @param source its name (a file, a kind of writing), or what the small ones are
     * @param texts its human texts
     * @param likelyMachine how many of them score at or above the threshold
     * @param bounded whether the threshold held it to G ({@value Calibrator#MIN_SOURCE_TEXTS}
     *     texts or more)
     */
    public record SourceRate(String source, int texts, int likelyMachine, boolean bounded) {
        /** @return the share of its texts called {@code likely-machine} */
        public double rate() {
            return texts == 0 ? 0 : likelyMachine / (double) texts;
        }
    }

    private final Language language;
    private final String model;
    private final long modelParameters;
    private final String criterion;
    private final double targetFpr;
    private final double threshold;
    private final double ciLow;
    private final double ciHigh;
    private final double confidence;
    private final int resamples;
    private final double[] humanScores;
    private final double targetFnr;
    private final double[] machineScores;
    private final String machineSource;
    private final double prior;
    private final double humanThreshold;
    private final double[] isoScore;
    private final double[] isoProb;
    private final List<SourceRate> sourceRates;
    private final double sourceFpr;

    /**
     * @param language the language of the texts
     * @param model the scoring model's name (and the sampling model's after a {@code +})
     * @param modelParameters the scoring model's number of weights
     * @param criterion the criterion's name
     * @param targetFpr F, in (0, 1)
     * @param threshold the threshold meeting F on the human scores
     * @param ciLow lower end of the threshold's bootstrap confidence interval
     * @param ciHigh upper end of it
     * @param confidence the interval's confidence level
     * @param resamples the number of bootstrap resamples
     * @param humanScores the human scores (copied and sorted)
     * @param targetFnr M, in (0, 1)
     * @param machineScores the machine scores (copied and sorted), possibly empty
     * @param machineSource where the machine scores come from, for reports
     * @param prior the share of machine texts P(machine) assumes, in (0, 1)
     */
    public Calibration(Language language, String model, long modelParameters, String criterion, double targetFpr,
            double threshold, double ciLow, double ciHigh, double confidence, int resamples, double[] humanScores,
            double targetFnr, double[] machineScores, String machineSource, double prior) {
        this(language, model, modelParameters, criterion, targetFpr, threshold, ciLow, ciHigh, confidence, resamples,
            humanScores, targetFnr, machineScores, machineSource, prior, List.of(), Double.NaN);
    }

    /**
     * The same with the named human sources at the threshold ({@link Calibrator} sets the threshold
     * so; a calibration file records them).
     *
     * @param rates each named human source, or empty when the human texts were one source
     * @param sourceFpr the bound G the sources were held to (ignored without sources)
     */
    Calibration(Language language, String model, long modelParameters, String criterion, double targetFpr,
            double threshold, double ciLow, double ciHigh, double confidence, int resamples, double[] humanScores,
            double targetFnr, double[] machineScores, String machineSource, double prior, List<SourceRate> rates,
            double sourceFpr) {
        this.language = Objects.requireNonNull(language, "language");
        this.model = Objects.requireNonNull(model, "model");
        this.modelParameters = modelParameters;
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        Args.check(targetFpr > 0 && targetFpr < 1, "targetFpr must be in (0, 1): %s", targetFpr);
        Args.check(targetFnr > 0 && targetFnr < 1, "targetFnr must be in (0, 1): %s", targetFnr);
        Args.check(prior > 0 && prior < 1, "prior must be in (0, 1): %s", prior);
        Args.check(humanScores.length > 0, "no human scores");
        this.targetFpr = targetFpr;
        this.threshold = threshold;
        this.ciLow = ciLow;
        this.ciHigh = ciHigh;
        this.confidence = confidence;
        this.resamples = resamples;
        this.humanScores = sortedFinite(humanScores, "human");
        this.targetFnr = targetFnr;
        this.machineScores = sortedFinite(machineScores, "machine");
        this.machineSource = Objects.requireNonNull(machineSource, "machineSource");
        this.prior = prior;
        int k = (int) Math.floor(targetFnr * this.machineScores.length);
        this.humanThreshold = this.machineScores.length == 0 ? Double.NEGATIVE_INFINITY : this.machineScores[k];
        double[][] iso = isotonic(this.humanScores, this.machineScores, prior);
        this.isoScore = iso[0];
        this.isoProb = iso[1];
        this.sourceRates = List.copyOf(rates);
        Args.check(rates.isEmpty() || (sourceFpr > 0 && sourceFpr < 1), "sourceFpr must be in (0, 1): %s", sourceFpr);
        this.sourceFpr = rates.isEmpty() ? Double.NaN : sourceFpr;
    }

    private static double[] sortedFinite(double[] s, String what) {
        Args.check(Arrays.stream(s).allMatch(Double::isFinite), "%s scores must be finite", what);
        double[] c = s.clone();
        Arrays.sort(c);
        return c;
    }

    /**
     * The verdict, probability and percentiles of a score.
     *
     * @param score a score of a long-enough text, same model, criterion and language
     * @return the assessment; a non-finite score is {@code inconclusive} with a reason
     */
    public Assessment assess(double score) {
        if (!Double.isFinite(score)) {
            return new Assessment(Verdict.INCONCLUSIVE, Double.NaN, Double.NaN, Double.NaN, "the score is not a number");
        }
        Verdict v;
        String reason = null;
        if (score >= threshold) {
            v = Verdict.LIKELY_MACHINE;
        } else if (score < humanThreshold) {
            v = Verdict.LIKELY_HUMAN;
        } else {
            v = Verdict.INCONCLUSIVE;
            if (machineScores.length == 0) {
                reason = "no machine calibration texts: likely-human is never given";
            }
        }
        return new Assessment(v, probability(score), humanPercentile(score), machinePercentile(score), reason);
    }

    /**
     * @param score a score
     * @return {@link #assess}'s verdict
     */
    public Verdict verdict(double score) {
        return assess(score).verdict();
    }

    /**
     * @param score a finite score
     * @return P(machine) at the prior, in [0.01, 0.99]; NaN without machine scores
     */
    public double probability(double score) {
        if (isoScore.length == 0 || !Double.isFinite(score)) {
            return Double.NaN;
        }
        int i = Arrays.binarySearch(isoScore, score);
        double p;
        if (i >= 0) {
            p = isoProb[i];
        } else {
            int hi = -i - 1;
            if (hi == 0) {
                p = isoProb[0];
            } else if (hi == isoScore.length) {
                p = isoProb[isoScore.length - 1];
            } else {
                double t = (score - isoScore[hi - 1]) / (isoScore[hi] - isoScore[hi - 1]);
                p = isoProb[hi - 1] + t * (isoProb[hi] - isoProb[hi - 1]);
            }
        }
        return Math.max(MIN_PROBABILITY, Math.min(1 - MIN_PROBABILITY, p));
    }

    /**
     * @param score a score
     * @return the percentage of human calibration scores below it, ties counted half, in [0, 100]
     */
    public double humanPercentile(double score) {
        return below(humanScores, score);
    }

    /**
     * @param score a score
     * @return the percentage of machine calibration scores above it, ties counted half, in
     *     [0, 100]; NaN without machine scores
     */
    public double machinePercentile(double score) {
        return machineScores.length == 0 ? Double.NaN : 100 - below(machineScores, score);
    }

    private static double below(double[] sorted, double score) {
        int lo = lowerBound(sorted, score);
        int upTo = lo;
        while (upTo < sorted.length && sorted[upTo] == score) {
            upTo++;
        }
        return 100.0 * (lo + 0.5 * (upTo - lo)) / sorted.length;
    }

    private static int lowerBound(double[] a, double score) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < score) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Pool-adjacent-violators on the class-weighted labels; returns block mean scores and probabilities. */
    private static double[][] isotonic(double[] human, double[] machine, double prior) {
        if (machine.length == 0) {
            return new double[][] {new double[0], new double[0]};
        }
        int n = human.length + machine.length;
        double[] s = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(a < human.length ? human[a] : machine[a - human.length],
            b < human.length ? human[b] : machine[b - human.length]));
        for (int r = 0; r < n; r++) {
            int i = order[r];
            boolean m = i >= human.length;
            s[r] = m ? machine[i - human.length] : human[i];
            y[r] = m ? 1 : 0;
            w[r] = m ? prior / machine.length : (1 - prior) / human.length;
        }
        double[] bw = new double[n];
        double[] by = new double[n];
        double[] bs = new double[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            bw[blocks] = w[i];
            by[blocks] = y[i] * w[i];
            bs[blocks] = s[i] * w[i];
            blocks++;
            // merge while the previous block's mean is not below this one's, and pool equal scores
            while (blocks > 1 && (by[blocks - 2] / bw[blocks - 2] >= by[blocks - 1] / bw[blocks - 1]
                    || bs[blocks - 2] / bw[blocks - 2] == bs[blocks - 1] / bw[blocks - 1])) {
                bw[blocks - 2] += bw[blocks - 1];
                by[blocks - 2] += by[blocks - 1];
                bs[blocks - 2] += bs[blocks - 1];
                blocks--;
            }
        }
        double[] xs = new double[blocks];
        double[] ps = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            xs[b] = bs[b] / bw[b];
            ps[b] = by[b] / bw[b];
        }
        return new double[][] {xs, ps};
    }

    /**
     * @param scores machine scores from elsewhere (e.g. the shipped calibration of the same model
     *     and criterion)
     * @param source where they come from, for reports
     * @return a copy with those machine scores
     */
    public Calibration withMachineScores(double[] scores, String source) {
        return new Calibration(language, model, modelParameters, criterion, targetFpr, threshold, ciLow, ciHigh,
            confidence, resamples, humanScores, targetFnr, scores, source, prior, sourceRates, sourceFpr);
    }

    /** @return the named human sources at the threshold; empty when the human texts were one source */
    public List<SourceRate> sourceRates() {
        return sourceRates;
    }

    /** @return G, the bound on each named human source's share of {@code likely-machine}; NaN without sources */
    public double sourceFpr() {
        return sourceFpr;
    }

    /** @return the language */
    public Language language() {
        return language;
    }

    /** @return the scoring model's name */
    public String model() {
        return model;
    }

    /** @return the scoring model's number of weights */
    public long modelParameters() {
        return modelParameters;
    }

    /** @return the criterion's name */
    public String criterion() {
        return criterion;
    }

    /** @return F, the target false-positive rate */
    public double targetFpr() {
        return targetFpr;
    }

    /** @return the score at or above which a text is {@code likely-machine} */
    public double threshold() {
        return threshold;
    }

    /** @return lower end of the threshold's bootstrap interval */
    public double ciLow() {
        return ciLow;
    }

    /** @return upper end of the threshold's bootstrap interval */
    public double ciHigh() {
        return ciHigh;
    }

    /** @return the interval's confidence level */
    public double confidence() {
        return confidence;
    }

    /** @return the number of bootstrap resamples */
    public int resamples() {
        return resamples;
    }

    /** @return M, the target share of machine texts called {@code likely-human} */
    public double targetFnr() {
        return targetFnr;
    }

    /** @return the score below which a text is {@code likely-human} (−∞ without machine scores) */
    public double humanThreshold() {
        return humanThreshold;
    }

    /** @return the median human score */
    public double humanMedian() {
        int n = humanScores.length;
        return n % 2 == 1 ? humanScores[n / 2] : (humanScores[n / 2 - 1] + humanScores[n / 2]) / 2;
    }

    /** @return the human scores, sorted ascending (a copy) */
    public double[] humanScores() {
        return humanScores.clone();
    }

    /** @return the machine scores, sorted ascending (a copy; empty when none) */
    public double[] machineScores() {
        return machineScores.clone();
    }

    /** @return whether it has machine scores */
    public boolean hasMachineScores() {
        return machineScores.length > 0;
    }

    /** @return where the machine scores come from */
    public String machineSource() {
        return machineSource;
    }

    /** @return the prior share of machine texts P(machine) assumes */
    public double prior() {
        return prior;
    }

    /** @return the number of human texts it was measured on */
    public int size() {
        return humanScores.length;
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
            && Arrays.equals(humanScores, c.humanScores) && Double.compare(targetFnr, c.targetFnr) == 0
            && Arrays.equals(machineScores, c.machineScores) && machineSource.equals(c.machineSource)
            && Double.compare(prior, c.prior) == 0 && sourceRates.equals(c.sourceRates)
            && Double.compare(sourceFpr, c.sourceFpr) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(language, model, criterion, threshold, Arrays.hashCode(humanScores),
            Arrays.hashCode(machineScores));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Calibration[%s, %s, %s, F=%s, threshold=%.4f, M=%s, human below %.4f, "
            + "n=%d human, %d machine]", language.code(), model, criterion, targetFpr, threshold, targetFnr,
            humanThreshold, humanScores.length, machineScores.length);
    }
}
