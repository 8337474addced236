/**
 * ROC curves, AUROC (ties count half), TPR at a target FPR, thresholds.
 */
package org.detectgpt.metrics;
