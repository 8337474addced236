package org.detectgpt.calibrate;

/**
 * What a {@link Calibration} says of one score. Immutable.
 *
 * @param verdict {@code likely-machine}, {@code inconclusive} or {@code likely-human}
 * @param probability P(machine) at the calibration's prior, in [0.01, 0.99]; NaN without machine
 *     calibration scores or for a non-finite score
 * @param humanPercentile share (%) of human calibration texts that scored lower
 * @param machinePercentile share (%) of machine calibration texts that scored higher; NaN
 *     without machine scores
 * @param reason why the verdict is what it is when that needs saying (e.g. forced
 *     {@code inconclusive}), or null
 */
public record Assessment(Verdict verdict, double probability, double humanPercentile, double machinePercentile,
        String reason) {
    /**
     * @param why the reason
     * @return a copy whose verdict is {@code inconclusive} for that reason (scores and percentiles kept)
     */
    public Assessment inconclusive(String why) {
        return new Assessment(Verdict.INCONCLUSIVE, probability, humanPercentile, machinePercentile, why);
    }
}
