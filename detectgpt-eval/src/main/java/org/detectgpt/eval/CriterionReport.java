package org.detectgpt.eval;

import java.util.Objects;
import org.detectgpt.metrics.RocCurve;

/**
 * How well one criterion separated one data set.
 *
 * @param dataset the data set's name
 * @param criterion the criterion's name
 * @param model the scoring model's name (and the sampling model's after a {@code +}, if one was used)
 * @param humanScores scores of the human texts that could be scored
 * @param machineScores scores of the machine texts that could be scored
 * @param skipped texts that could not be scored (empty, too short)
 * @param roc the ROC curve (machine = positive)
 */
public record CriterionReport(String dataset, String criterion, String model, double[] humanScores,
        double[] machineScores, int skipped, RocCurve roc) {
    /** Checks that no component is null. */
    public CriterionReport {
        Objects.requireNonNull(dataset);
        Objects.requireNonNull(criterion);
        Objects.requireNonNull(model);
        Objects.requireNonNull(roc);
        humanScores = humanScores.clone();
        machineScores = machineScores.clone();
    }

    /** @return the area under the ROC curve, ties counted half */
    public double auroc() {
        return roc.auroc();
    }

    /** @return the true-positive rate at a false-positive rate of at most 1 % */
    public double tprAt1PctFpr() {
        return roc.tprAtFpr(0.01);
    }

    /** @return the true-positive rate at a false-positive rate of at most 5 % */
    public double tprAt5PctFpr() {
        return roc.tprAtFpr(0.05);
    }
}
