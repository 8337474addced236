/**
 * The causal language model interface ({@link org.detectgpt.model.CausalLm}) with its key/value-
 * cached decoding and sampling: the engine side of the engine to statistics contract.
 */
package org.detectgpt.model;
