/**
 * JMH benchmarks of the scoring hot path and of document extraction (not run by the default
 * build).
 */
package org.detectgpt.bench;
