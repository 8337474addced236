package org.detectgpt.model.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.WeightStorage;
import org.detectgpt.model.io.DType;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.io.TensorSource;

/**
 * Refuses, from the safetensors headers alone, a model whose fp32 weights and working memory will
 * not fit in this JVM, before any weight is read (a 7 B-parameter model is 28 GB in fp32; finding
 * out after reading most of it wastes minutes and ends in an {@link OutOfMemoryError}).
 *
 * <p>Where the engine keeps what (with {@link WeightStorage#FP32} everything is fp32 whatever the
 * file stores, so a BF16 or F16 file needs twice its size):
 * <ul>
 *   <li><b>Off the heap</b> (ND4J buffers; limit {@code org.bytedeco.javacpp.maxbytes}, read as
 *       {@link Pointer#maxBytes()}): every fp32 matrix of a {@link org.detectgpt.model.nn.Linear}
 *       (projections, MLPs, the output head; a tied head is an off-heap copy of the token
 *       embedding), 4 bytes per element; plus one transient fp32 copy of the largest matrix (an
 *       {@code nn.Linear} weight is transposed to {@code [in × out]} on load; a packed one is
 *       widened to fp32 for each product).</li>
 *   <li><b>On the heap</b> ({@code -Xmx}): embedding tables, norms and biases as {@code float[]};
 *       with {@link WeightStorage#STORED}, the BF16/F16 matrices other than the head as
 *       {@code short[]}, 2 bytes per element; plus, while loading, one transient {@code float[]}
 *       of the largest tensor.</li>
 *   <li><b>Activations</b>, on each side: about {@code 4 B × (3·R·W + 2·T²)} for one forward
 *       pass of {@code R = }{@value #ACTIVATION_TOKENS} rows (one window, or several short ones
 *       packed) in windows of {@code T = min(context, R)} tokens, W the widest layer (the MLP),
 *       plus 64 MiB for logits blocks. Longer inputs need more.</li>
 * </ul>
 * The check compares these needs with what the heap and the off-heap limit have left, and their
 * sum with the machine's physical memory. {@code -Ddetectgpt.memoryCheck=false} skips it.
 */
final class MemoryBudget {
    /** Rows of one forward pass the activation estimate is made for ({@code TokenScorer}'s packs). */
    static final int ACTIVATION_TOKENS = 2048;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    /** Names of tensors the architectures keep as {@code float[]} on the heap (embedding tables). */
    private static final List<String> HEAP_TABLES = List.of("wte.weight", "wpe.weight", "embed_tokens.weight",
        "embed_positions.weight", "embed_in.weight", "word_embeddings.weight");
    /** Names of untied output heads; without one the head is an off-heap copy of the embedding. */
    private static final List<String> HEADS = List.of("lm_head.weight", "embed_out.weight");

    /**
     * Bytes the model needs.
     *
     * @param parameters weights in the file
     * @param offHeap ND4J bytes: weights, load-time transients, activations
     * @param heap Java heap bytes: tables, load-time transient, activations
     */
    record Need(long parameters, long offHeap, long heap) {
        long total() {
            return offHeap + heap;
        }
    }

    private MemoryBudget() {}

    /**
     * @param src the opened weights (only headers are read)
     * @param config the model's configuration (for its context length)
     * @param storage how the weight matrices will be held
     * @param dir the model folder, for the message
     * @throws ModelFormatException naming how much memory the model needs and how to raise the
     *     limits, when it does not fit
     */
    static void check(TensorSource src, ModelConfig config, WeightStorage storage, Path dir)
            throws ModelFormatException {
        if (!Boolean.parseBoolean(System.getProperty("detectgpt.memoryCheck", "true"))) {
            return;
        }
        int tokens = context(config);
        Need need = estimate(src, tokens, storage);
        Runtime rt = Runtime.getRuntime();
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        long heapLeft = rt.maxMemory() - heapUsed;
        long offLeft = Pointer.maxBytes() - Pointer.totalBytes();
        long physical = physicalMemory();
        String size = String.format(Locale.ROOT, "needs about %s (%,d parameters, %s, with working memory): "
            + "%s off the heap and %s on the heap", gib(need.total()), need.parameters(),
            storage == WeightStorage.STORED ? "16-bit matrices kept as stored" : "4 bytes each in fp32",
            gib(need.offHeap()), gib(need.heap()));
        Need compact = storage == WeightStorage.FP32 ? estimate(src, tokens, WeightStorage.STORED) : need;
        String hint = compact.total() < need.total() * 0.9
            ? "keep its 16-bit weights as stored with -D" + WeightStorage.PROPERTY + "=stored (about "
                + gib(compact.total()) + ")" : "";
        if (physical > 0 && need.total() > physical) {
            throw new ModelFormatException(dir, size + ", more than this machine's " + gib(physical) + " of memory; "
                + (hint.isEmpty() ? "use a smaller model or a machine with more memory" : hint));
        }
        if (need.offHeap() > offLeft || need.heap() > heapLeft) {
            throw new ModelFormatException(dir, size + ", but this JVM allows " + gib(offLeft) + " off the heap "
                + "(org.bytedeco.javacpp.maxbytes) and " + gib(heapLeft) + " on the heap (-Xmx); raise them, e.g. "
                + "JAVA_OPTS=\"-Xmx" + roundUpGib(need.heap() + heapUsed) + "g -Dorg.bytedeco.javacpp.maxbytes="
                + roundUpGib(need.offHeap() + Pointer.totalBytes()) + "g\"" + (hint.isEmpty() ? "" : ", or " + hint));
        }
    }

    /** Estimates the memory a model needs for forward passes of {@code tokens} positions. */
    static Need estimate(TensorSource src, int tokens, WeightStorage storage) throws ModelFormatException {
        long params = 0;
        long offHeap = 0;
        long heap = 0;
        long largest = 0;
        long largestMatrix = 0;
        long tokenTable = 0;
        long widest = 1;
        boolean untiedHead = false;
        for (String name : src.names()) {
            DType dtype = src.dtype(name);
            if (!dtype.isFloating()) {
                continue;
            }
            long[] shape = src.shape(name);
            long n = ModelLoader.elements(shape);
            params += n;
            largest = Math.max(largest, n);
            boolean table = HEAP_TABLES.stream().anyMatch(name::endsWith);
            boolean head = HEADS.stream().anyMatch(name::endsWith);
            untiedHead |= head;
            if (shape.length < 2 || table) {
                heap += 4 * n;
                tokenTable = table ? Math.max(tokenTable, n) : tokenTable;
                continue;
            }
            // a packed matrix lives on the heap and is widened into an off-heap temporary per product
            boolean packed = !head && storage == WeightStorage.STORED && (dtype == DType.BF16 || dtype == DType.F16);
            if (packed) {
                heap += 2 * n;
            } else {
                offHeap += 4 * n;
            }
            largestMatrix = Math.max(largestMatrix, n);
            if (!head) {
                for (long d : shape) {
                    widest = Math.max(widest, d);
                }
            }
        }
        if (!untiedHead) {
            offHeap += 4 * tokenTable;
            largestMatrix = Math.max(largestMatrix, tokenTable);
        }
        // a pass holds up to ACTIVATION_TOKENS rows (a pack of short windows, or one long window),
        // the attention scores only a window's square
        long activations = 4L * (3L * ACTIVATION_TOKENS * widest + 2L * tokens * tokens) + 64 * MIB;
        // one transient fp32 copy of the largest matrix on top of the kept ones (transpose on load, widening)
        return new Need(params, offHeap + 4 * largestMatrix + activations, heap + 4 * largest + activations);
    }

    /** @return the machine's memory, or 0 if JavaCPP's natives cannot tell (the check is then skipped) */
    private static long physicalMemory() {
        try {
            return Pointer.totalPhysicalBytes();
        } catch (LinkageError e) {
            return 0;
        }
    }

    private static int context(ModelConfig c) throws ModelFormatException {
        for (String key : new String[] {"max_position_embeddings", "n_positions", "n_ctx"}) {
            if (c.has(key)) {
                return Math.min(ACTIVATION_TOKENS, Math.max(1, c.intOr(key, ACTIVATION_TOKENS)));
            }
        }
        return ACTIVATION_TOKENS;
    }

    private static String gib(long bytes) {
        return bytes >= GIB ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB)
            : String.format(Locale.ROOT, "%d MiB", (bytes + MIB - 1) / MIB);
    }

    /** @return whole GiB, 10 % above {@code bytes}, for a suggested limit */
    private static long roundUpGib(long bytes) {
        return Math.max(1, (long) Math.ceil(bytes * 1.1 / GIB));
    }
}
