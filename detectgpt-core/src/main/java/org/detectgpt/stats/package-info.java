/**
 * Fused per-token statistics over each logits row (log-probability, rank, entropy, analytic
 * moments), with windows for long texts.
 */
package org.detectgpt.stats;
