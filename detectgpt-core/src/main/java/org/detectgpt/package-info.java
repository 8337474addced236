/**
 * The error contract of the library: {@link org.detectgpt.DetectGptException}, the checked base
 * exception whose one-line message names the input at fault (the CLI maps it to exit codes in one
 * place), and {@link org.detectgpt.ModelFormatException} for a model, configuration or tokenizer
 * file that cannot be read (here so that both {@code tokenize} and {@code model} use it without a
 * package cycle).
 */
package org.detectgpt;
