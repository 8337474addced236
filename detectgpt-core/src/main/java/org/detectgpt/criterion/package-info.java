/**
 * The zero-shot criteria, each a score oriented so that higher means more likely machine-written,
 * registered by name in {@link org.detectgpt.criterion.Criteria}.
 */
package org.detectgpt.criterion;
