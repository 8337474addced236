/**
 * Labelled texts and the development-set readers (fast-detect-gpt JSON, JSON Lines, MixSet), used
 * by evaluation, the ensemble fitter and the trainer.
 */
package org.detectgpt.data;
