/**
 * Text before tokenization: whitespace normalisation and text validity ({@link
 * org.detectgpt.text.InvalidTextException}).
 */
package org.detectgpt.text;
