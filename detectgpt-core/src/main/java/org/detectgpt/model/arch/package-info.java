/**
 * The architectures, short files on the shared layers: Llama 2/3 (also Mistral, Qwen2), GPT-2,
 * GPT-Neo, GPT-NeoX, GPT-J, Falcon, OPT, and T5 for mask filling.
 */
package org.detectgpt.model.arch;
