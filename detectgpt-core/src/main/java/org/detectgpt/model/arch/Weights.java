package org.detectgpt.model.arch;

import java.nio.file.Path;
import java.util.Arrays;
import org.detectgpt.model.ModelFormatException;
import org.detectgpt.model.io.TensorSource;

/** Reads named tensors with their expected shapes checked, for the architecture builders. */
final class Weights {
    private final TensorSource source;
    private final Path origin;
    private final String prefix;

    Weights(TensorSource source, Path origin, String prefix) {
        this.source = source;
        this.origin = origin;
        this.prefix = prefix;
    }

    /** @return a view whose names are all prefixed by {@code p} */
    Weights withPrefix(String p) {
        return new Weights(source, origin, p);
    }

    boolean has(String name) {
        return source.contains(prefix + name);
    }

    /** Reads {@code prefix + name}, checking that its shape is {@code shape}. */
    float[] get(String name, long... shape) throws ModelFormatException {
        String full = prefix + name;
        if (!source.contains(full)) {
            throw new ModelFormatException(origin, "missing tensor '" + full + "'");
        }
        long[] actual = source.shape(full);
        if (!Arrays.equals(actual, shape)) {
            throw new ModelFormatException(origin, "tensor '" + full + "' has shape " + Arrays.toString(actual)
                + " but the configuration implies " + Arrays.toString(shape));
        }
        return source.floats(full);
    }

    /** Like {@link #get} but null when absent. */
    float[] optional(String name, long... shape) throws ModelFormatException {
        return has(name) ? get(name, shape) : null;
    }

    /** @return the shape of {@code prefix + name} */
    long[] shape(String name) throws ModelFormatException {
        String full = prefix + name;
        if (!source.contains(full)) {
            throw new ModelFormatException(origin, "missing tensor '" + full + "'");
        }
        return source.shape(full);
    }

    Path origin() {
        return origin;
    }
}
