package org.detectgpt.model.arch;

import java.nio.file.Path;
import java.util.Arrays;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.WeightStorage;
import org.detectgpt.model.io.TensorSource;
import org.detectgpt.model.nn.Half;
import org.detectgpt.model.nn.Linear;

/**
 * Reads named tensors with their expected shapes checked, and builds layers from them, for the
 * architecture builders. Weight matrices are packed in their checkpoint's 16-bit format when the
 * {@link WeightStorage} is {@link WeightStorage#STORED}.
 */
final class Weights {
    private final TensorSource source;
    private final Path origin;
    private final String prefix;
    private final WeightStorage storage;

    Weights(Checkpoint checkpoint, String prefix) {
        this(checkpoint.tensors(), checkpoint.origin(), prefix, checkpoint.storage());
    }

    private Weights(TensorSource source, Path origin, String prefix, WeightStorage storage) {
        this.source = source;
        this.origin = origin;
        this.prefix = prefix;
        this.storage = storage;
    }

    /** @return a view whose names are all prefixed by {@code p} */
    Weights withPrefix(String p) {
        return new Weights(source, origin, p, storage);
    }

    /** @return the 16-bit format to keep matrix {@code prefix + name} in, or null for fp32 */
    private Half.Format packing(String name) throws ModelFormatException {
        if (storage != WeightStorage.STORED) {
            return null;
        }
        return switch (source.dtype(prefix + name)) {
            case BF16 -> Half.Format.BF16;
            case F16 -> Half.Format.F16;
            default -> null;
        };
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

    /**
     * A PyTorch {@code nn.Linear}: {@code name.weight} stored {@code [out × in]}, and
     * {@code name.bias} when {@code bias} is set.
     */
    Linear linear(String name, int in, int out, boolean bias) throws ModelFormatException {
        return Linear.fromOutIn(get(name + ".weight", out, in), bias ? get(name + ".bias", out) : null, in, out,
            packing(name + ".weight"));
    }

    /**
     * Several {@code nn.Linear} layers over the same input as one ({@link Linear#stacked}), each
     * {@code name.weight} stored {@code [out × in]}; kept 16-bit only when every part is stored in
     * the same 16-bit format.
     */
    Linear stacked(String[] names, int in, int[] outs, boolean bias) throws ModelFormatException {
        float[][] ws = new float[names.length][];
        float[][] bs = new float[names.length][];
        Half.Format format = packing(names[0] + ".weight");
        for (int i = 0; i < names.length; i++) {
            ws[i] = get(names[i] + ".weight", outs[i], in);
            bs[i] = bias ? get(names[i] + ".bias", outs[i]) : null;
            if (packing(names[i] + ".weight") != format) {
                format = null;
            }
        }
        return Linear.stacked(ws, bs, in, outs, format);
    }

    /** GPT-2's {@code Conv1D}: {@code name.weight} stored {@code [in × out]}, with a bias. */
    Linear conv1d(String name, int in, int out) throws ModelFormatException {
        return Linear.fromInOut(get(name + ".weight", in, out), get(name + ".bias", out), in, out,
            packing(name + ".weight"));
    }

    /** A LayerNorm with gain {@code name.weight} and bias {@code name.bias}. */
    LayerNorm layerNorm(String name, int d, double eps) throws ModelFormatException {
        return new LayerNorm(get(name + ".weight", d), get(name + ".bias", d), eps);
    }

    /**
     * The output head {@code [vocab × d]}: the token embedding when tied, else {@code name.weight}
     * (with {@code name.bias} if the file has one, as GPT-J's). Always fp32: the scorer applies it
     * to a few rows at a time, and widening the largest matrix for each block would cost more
     * than the product.
     */
    Linear head(String name, boolean tied, float[] embedding, int vocab, int d) throws ModelFormatException {
        if (tied) {
            return Linear.fromOutIn(embedding, null, d, vocab);
        }
        return Linear.fromOutIn(get(name + ".weight", vocab, d), optional(name + ".bias", vocab), d, vocab);
    }

    /** @return the shape of {@code prefix + name} */
    long[] shape(String name) throws ModelFormatException {
        String full = prefix + name;
        if (!source.contains(full)) {
            throw new ModelFormatException(origin, "missing tensor '" + full + "'");
        }
        return source.shape(full);
    }
}
