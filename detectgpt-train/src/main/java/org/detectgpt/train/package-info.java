/**
 * Trains detectgpt's own small Llama-architecture models on the CPU (hand-written backward passes
 * on ND4J sgemm) and writes them as Hugging Face folders.
 */
package org.detectgpt.train;
