/**
 * English/Chinese detection and the text measures (words, characters) of the length rules.
 */
package org.detectgpt.language;
