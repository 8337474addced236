/**
 * {@code detectgpt serve}: the scan as a local web page. {@link org.detectgpt.serve.DetectGptServer}
 * takes uploads into a private temporary folder, scores one batch at a time with the scan's
 * {@code BatchScan} and shows the HTML report's table, counts, caution and highlighted texts; the page
 * itself is plain HTML/CSS/JS under {@code org/detectgpt/serve/web/}.
 */
package org.detectgpt.serve;
