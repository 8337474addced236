package org.detectgpt.model.arch;

import java.nio.file.Path;
import org.detectgpt.model.WeightStorage;
import org.detectgpt.model.io.TensorSource;

/**
 * What an architecture builds itself from: the tensors, where they came from (for messages) and
 * how to hold the weight matrices.
 *
 * @param tensors the checkpoint's tensors
 * @param origin file or folder named in error messages
 * @param storage fp32, or the checkpoint's own 16-bit formats
 */
public record Checkpoint(TensorSource tensors, Path origin, WeightStorage storage) {}
