package org.detectgpt.model.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.detectgpt.ModelFormatException;

/** Tensors held in memory, keyed by their Hugging Face names (llama2.c checkpoints, tests). */
public final class MapTensorSource implements TensorSource {
    /** A tensor's values and shape. */
    public record Tensor(float[] values, long[] shape) {}

    private final Path origin;
    private final Map<String, Tensor> tensors;

    /**
     * @param origin the file the tensors came from, for error messages
     * @param tensors the tensors (copied map, values shared)
     */
    public MapTensorSource(Path origin, Map<String, Tensor> tensors) {
        this.origin = origin;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    private Tensor get(String name) throws ModelFormatException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new ModelFormatException(origin, "no tensor named '" + name + "'");
        }
        return t;
    }

    @Override
    public long[] shape(String name) throws ModelFormatException {
        return get(name).shape().clone();
    }

    @Override
    public float[] floats(String name) throws ModelFormatException {
        return get(name).values();
    }
}
