/**
 * Model files: safetensors (F32/F16/BF16, sharded) reading and writing, {@code config.json}.
 */
package org.detectgpt.model.io;
