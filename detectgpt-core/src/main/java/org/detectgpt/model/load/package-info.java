/**
 * The one loader: a Hugging Face folder or a llama2.c checkpoint to a {@link
 * org.detectgpt.model.CausalLm} (T5 to a sequence-to-sequence model), within a memory budget.
 */
package org.detectgpt.model.load;
