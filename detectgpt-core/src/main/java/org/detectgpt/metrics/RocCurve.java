package org.detectgpt.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.detectgpt.util.Args;

/**
 * Empirical ROC curve of a detector from the scores of negatives (human-written texts) and
 * positives (machine-written texts), with the decision rule
 * <pre>score ≥ threshold  ⇒  machine</pre>
 *
 * <p><b>Points.</b> For every distinct score t, in decreasing order, the curve has the point
 * (FPR(t), TPR(t), t) with FPR(t) = #{human ≥ t} / n₀ and TPR(t) = #{machine ≥ t} / n₁
 * (fractions computed in double as {@code count / (double) n}). It starts with (0, 0, +∞), which
 * stands for "flag nothing", and ends at (1, 1, min score). Tied scores form one point. This is
 * scikit-learn's {@code roc_curve(..., drop_intermediate=False)}.
 *
 * <p><b>AUROC</b> is the Mann–Whitney statistic with ties counted half,
 * <pre>AUROC = (#{(h, m) : m &gt; h} + ½ #{(h, m) : m = h}) / (n₀ n₁),</pre>
 * which equals the trapezoidal area under the points (scikit-learn's {@code roc_auc_score}):
 * 1 for a perfect detector, 0 for a perfectly inverted one, ½ when all scores tie. It is computed
 * in O(n log n) by sorting and walking tie groups, with exact integer counts.
 *
 * <p><b>TPR at a target FPR</b> ({@link #operatingPoint(double)}): among the points with
 * FPR ≤ target, the one with the largest TPR (the first such, i.e. the highest threshold, on
 * ties). For the threshold a user should deploy, computed from human scores alone, see
 * {@link #thresholdForFpr(double[], double)}; on the same human scores both give the same TPR.
 *
 * <p>Scores may be ±∞; NaN scores are rejected. Equality is numeric ({@code -0.0 == 0.0}).
 * Instances are immutable.
 */
public final class RocCurve {
    /**
     * One point of the curve.
     *
     * @param fpr fraction of human scores ≥ threshold
     * @param tpr fraction of machine scores ≥ threshold
     * @param threshold the threshold; +∞ for the first point (flag nothing)
     */
    public record Point(double fpr, double tpr, double threshold) {}

    private final int negatives;
    private final int positives;
    private final double auroc;
    private final List<Point> points;

    private RocCurve(int negatives, int positives, double auroc, List<Point> points) {
        this.negatives = negatives;
        this.positives = positives;
        this.auroc = auroc;
        this.points = points;
    }

    /**
     * @param humanScores scores of the human-written texts (negatives), at least one
     * @param machineScores scores of the machine-written texts (positives), at least one
     * @return the curve
     * @throws IllegalArgumentException when a class is empty or some score is NaN (the message
     *     says how many, per class)
     */
    public static RocCurve of(double[] humanScores, double[] machineScores) {
        Args.notNull(humanScores, "humanScores");
        Args.notNull(machineScores, "machineScores");
        Args.check(humanScores.length > 0, "no human (negative) scores");
        Args.check(machineScores.length > 0, "no machine (positive) scores");
        int nanHuman = countNaN(humanScores);
        int nanMachine = countNaN(machineScores);
        Args.check(nanHuman + nanMachine == 0, "%d NaN scores (%d human, %d machine)",
            nanHuman + nanMachine, nanHuman, nanMachine);

        double[] h = humanScores.clone();
        double[] m = machineScores.clone();
        Arrays.sort(h);
        Arrays.sort(m);
        int n0 = h.length;
        int n1 = m.length;
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0, Double.POSITIVE_INFINITY));
        // Walk tie groups from the highest score down.
        int i = n0 - 1;
        int j = n1 - 1;
        long fp = 0;
        long tp = 0;
        long twiceU = 0; // 2 · Mann–Whitney U = Σ Δfp · (tp_before + tp_after)
        while (i >= 0 || j >= 0) {
            double t = i < 0 ? m[j] : j < 0 ? h[i] : Math.max(h[i], m[j]);
            long dfp = 0;
            long dtp = 0;
            while (i >= 0 && h[i] == t) {
                dfp++;
                i--;
            }
            while (j >= 0 && m[j] == t) {
                dtp++;
                j--;
            }
            twiceU += dfp * (2 * tp + dtp);
            fp += dfp;
            tp += dtp;
            points.add(new Point(fp / (double) n0, tp / (double) n1, t));
        }
        double auroc = twiceU / (2.0 * n0 * (double) n1);
        return new RocCurve(n0, n1, auroc, List.copyOf(points));
    }

    private static int countNaN(double[] scores) {
        int count = 0;
        for (double s : scores) {
            if (Double.isNaN(s)) {
                count++;
            }
        }
        return count;
    }

    /** @return number of human-written (negative) scores */
    public int negatives() {
        return negatives;
    }

    /** @return number of machine-written (positive) scores */
    public int positives() {
        return positives;
    }

    /** @return area under the curve, ties counted half, in [0, 1] */
    public double auroc() {
        return auroc;
    }

    /** @return the points by decreasing threshold (non-decreasing FPR and TPR), unmodifiable */
    public List<Point> points() {
        return points;
    }

    /**
     * @param maxFpr the largest acceptable false-positive rate, in [0, 1]
     * @return the point with the largest TPR among those with FPR ≤ {@code maxFpr} (the highest
     *     threshold among equals); always exists, (0, 0, +∞) at worst
     */
    public Point operatingPoint(double maxFpr) {
        Args.inRange(maxFpr, 0, 1, "maxFpr");
        Point best = points.get(0);
        for (Point p : points) {
            if (p.fpr() > maxFpr) {
                break;
            }
            if (p.tpr() > best.tpr()) {
                best = p;
            }
        }
        return best;
    }

    /**
     * @param maxFpr the largest acceptable false-positive rate, in [0, 1]
     * @return the TPR of {@link #operatingPoint(double)}
     */
    public double tprAtFpr(double maxFpr) {
        return operatingPoint(maxFpr).tpr();
    }

    /**
     * Calibrates a threshold on human-written texts alone: the smallest threshold t such that
     * the fraction of human scores ≥ t is ≤ {@code targetFpr}.
     *
     * <p>Let k be the largest integer with k / n₀ ≤ targetFpr (in double arithmetic), i.e. the
     * number of human texts that may be flagged, and h₍ₖ₊₁₎ the (k+1)-th largest human score.
     * The set of thresholds meeting the target is the open interval (h₍ₖ₊₁₎, +∞): at
     * t = h₍ₖ₊₁₎ itself at least k+1 human scores are ≥ t. As an open interval has no smallest
     * real, the result is its smallest double, {@code Math.nextUp(h₍ₖ₊₁₎)}. So with the rule
     * {@code score ≥ t ⇒ machine}: every human score above h₍ₖ₊₁₎ is flagged (at most k),
     * and h₍ₖ₊₁₎ and all below are not. Special cases: k = n₀ (target 1, or rounding up to it)
     * gives −∞ (flag everything); if h₍ₖ₊₁₎ = +∞ no threshold meets the target and +∞ is
     * returned (the scores equal to +∞ are still flagged).
     *
     * <p>The FPR realised on these scores is {@link #rateAtOrAbove(double[], double)}, ≤ target
     * (it is lower than the target when ties or n₀ leave no finer choice). On held-out human
     * texts it is only an estimate.
     *
     * @param humanScores scores of human-written texts, at least one, no NaN
     * @param targetFpr the target false-positive rate, in [0, 1]
     * @return the threshold
     */
    public static double thresholdForFpr(double[] humanScores, double targetFpr) {
        Args.notNull(humanScores, "humanScores");
        Args.check(humanScores.length > 0, "no human scores");
        Args.inRange(targetFpr, 0, 1, "targetFpr");
        int nan = countNaN(humanScores);
        Args.check(nan == 0, "%d NaN scores among %d human scores", nan, humanScores.length);
        int n = humanScores.length;
        int k = (int) Math.min(n, Math.floor(targetFpr * n));
        while (k < n && (k + 1) / (double) n <= targetFpr) {
            k++;
        }
        while (k > 0 && k / (double) n > targetFpr) {
            k--;
        }
        if (k == n) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] sorted = humanScores.clone();
        Arrays.sort(sorted);
        return Math.nextUp(sorted[n - 1 - k]);
    }

    /**
     * @param scores some scores (NaN counts as below every threshold)
     * @param threshold a threshold
     * @return the fraction of {@code scores} that are ≥ {@code threshold}: the FPR on human
     *     scores, the TPR on machine scores; 0 when {@code scores} is empty
     */
    public static double rateAtOrAbove(double[] scores, double threshold) {
        Args.notNull(scores, "scores");
        if (scores.length == 0) {
            return 0;
        }
        int count = 0;
        for (double s : scores) {
            if (s >= threshold) {
                count++;
            }
        }
        return count / (double) scores.length;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "RocCurve[n0=%d, n1=%d, auroc=%.6f, points=%d]",
            negatives, positives, auroc, points.size());
    }
}
