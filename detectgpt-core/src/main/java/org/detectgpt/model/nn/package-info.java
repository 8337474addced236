/**
 * Layers shared by the architectures: linear layers on ND4J sgemm, attention, RoPE, norms,
 * activations, half-precision conversion.
 */
package org.detectgpt.model.nn;
