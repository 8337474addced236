/**
 * Calibration: thresholds at a target false-positive rate, verdicts, probabilities and percentiles
 * from the scores of human and machine texts.
 */
package org.detectgpt.calibrate;
