package org.detectgpt.model.io;

import java.util.Set;
import org.detectgpt.ModelFormatException;

/**
 * Named tensors of a checkpoint, read on demand and converted to fp32.
 *
 * <p>Implementations: {@link SafetensorsFile} (one file, memory-mapped), {@link ShardedSafetensors}
 * (a {@code model.safetensors.index.json} over several files) and in-memory maps (llama2.c
 * checkpoints, tests).
 */
public interface TensorSource extends AutoCloseable {
    /** @return names of all tensors */
    Set<String> names();

    /** @return whether a tensor of that name exists */
    default boolean contains(String name) {
        return names().contains(name);
    }

    /**
     * @param name tensor name
     * @return its shape
     * @throws ModelFormatException if absent
     */
    long[] shape(String name) throws ModelFormatException;

    /**
     * @param name tensor name
     * @return its stored element type ({@link DType#F32} for sources held in memory)
     * @throws ModelFormatException if absent
     */
    default DType dtype(String name) throws ModelFormatException {
        shape(name);
        return DType.F32;
    }

    /**
     * Reads a tensor as fp32, row-major.
     *
     * @param name tensor name
     * @return its values
     * @throws ModelFormatException if absent, unreadable or not of a floating-point type
     */
    float[] floats(String name) throws ModelFormatException;

    @Override
    default void close() {}
}
