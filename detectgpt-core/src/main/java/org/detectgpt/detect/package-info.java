/**
 * The library's entry point: {@link org.detectgpt.detect.Detector} (immutable, thread-safe),
 * {@link org.detectgpt.detect.DetectionResult}, criterion resolution.
 */
package org.detectgpt.detect;
