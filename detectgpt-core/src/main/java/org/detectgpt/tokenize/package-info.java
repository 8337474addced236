/**
 * Tokenizers: {@code tokenizer.json} via DJL (truncation and padding off) and llama2.c {@code
 * tokenizer.bin}.
 */
package org.detectgpt.tokenize;
