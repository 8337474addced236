/**
 * The batch scanner ({@link org.detectgpt.scan.BatchScan}): files and folders to per-document
 * reports, multi-threaded and resumable, with per-language models.
 */
package org.detectgpt.scan;
