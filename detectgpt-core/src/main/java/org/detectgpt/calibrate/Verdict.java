package org.detectgpt.calibrate;

/**
 * What a calibration says of a score. Only a calibration (see {@link Calibration#verdict}) gives
 * {@link #LIKELY_MACHINE} or {@link #LIKELY_HUMAN}. Processing states (a text too short to score,
 * a file that could not be read) are not verdicts: a scan's document report says those.
 */
public enum Verdict {
    /** Scored at or above the calibrated threshold: as high as at most the target share of human texts. */
    LIKELY_MACHINE("likely-machine"),
    /**
     * Scored between the human median and the threshold, or no calibration applies: the score
     * does not support either conclusion at the stated error rate.
     */
    INCONCLUSIVE("inconclusive"),
    /** Scored below the median of the calibration's human texts. */
    LIKELY_HUMAN("likely-human");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** @return the label used in every report, e.g. {@code likely-machine} */
    public String label() {
        return label;
    }

    /**
     * @param label a label from {@link #label()}
     * @return the verdict
     * @throws IllegalArgumentException on an unknown label
     */
    public static Verdict fromLabel(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + label + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
