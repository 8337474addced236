/**
 * Text extraction from .txt, .md, .html, .docx (streaming SAX, bounded memory) and .pdf; each
 * failure is a one-line {@link org.detectgpt.document.DocumentException}.
 */
package org.detectgpt.document;
