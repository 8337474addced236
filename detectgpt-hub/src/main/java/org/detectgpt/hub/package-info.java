/**
 * The Hugging Face hub client (downloads into the standard cache with resume and hash checks) and
 * the resolution of {@code --model}: a path, a bundled name or a repo id.
 */
package org.detectgpt.hub;
