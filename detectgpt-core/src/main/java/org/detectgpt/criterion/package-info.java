/**
 * The zero-shot criteria, each a score oriented so that higher means more likely machine-written,
 * registered by name in {@code org.detectgpt.detect.Criteria} (beside the learned head, which lives above this package).
 */
package org.detectgpt.criterion;
