/**
 * The picocli commands of the {@code detectgpt} tool: parse, call the library, print; exceptions
 * are mapped to exit codes in one place.
 */
package org.detectgpt.cli;
