/**
 * Evaluation of criteria on labelled data sets: per-criterion AUROC and TPR at FPR, timing,
 * verdict tables by length.
 */
package org.detectgpt.eval;
