package org.detectgpt.model.nn;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each thread's native fp32 matrices for the operands and results of one product, kept from call to
 * call by (slot, shape) so that a forward pass allocates no native memory once warm.
 *
 * <p>Why: fresh ND4J buffers for every product (an operand and a result, 1–16 MB each) cost
 * ND4J's native allocation every time — in a JFR profile of the shipped model's Fast-DetectGPT
 * pass, 88 of 452 native samples sat in {@code allocateDataBuffer}; reusing the
 * buffers made the pass 1.30× faster (benchmarks/README.md, "Native scratch and attention blocks").
 *
 * <p>Bounded: at most {@value #MAX_BYTES} bytes per thread beyond the matrices of the operation in
 * progress (those of the current {@link #begin epoch} are never evicted); the least recently used
 * go first and are freed at once. A caller copies its results out before its next operation: the
 * matrices are overwritten by the next product of the same shape on the same thread.
 */
final class NativeScratch {
    static final long MAX_BYTES = 64L << 20;
    private static final ThreadLocal<NativeScratch> THREAD = ThreadLocal.withInitial(NativeScratch::new);

    private record Key(int slot, long rows, long cols) {}

    private static final class Entry {
        final INDArray array;
        long epoch;

        Entry(INDArray array, long epoch) {
            this.array = array;
            this.epoch = epoch;
        }
    }

    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long epoch;

    private NativeScratch() {}

    /**
     * Starts an operation on this thread's scratch: the matrices it takes stay valid until the
     * thread's next {@code begin}.
     *
     * @return this thread's scratch
     */
    static NativeScratch begin() {
        NativeScratch s = THREAD.get();
        s.epoch++;
        return s;
    }

    /**
     * @param slot which operand of the operation (two matrices of one shape need two slots)
     * @param rows rows
     * @param cols columns
     * @return a c-ordered {@code [rows × cols]} matrix of unspecified contents
     */
    INDArray matrix(int slot, long rows, long cols) {
        Key key = new Key(slot, rows, cols);
        Entry e = entries.get(key);
        if (e == null) {
            long need = rows * cols * Float.BYTES;
            evict(need);
            e = new Entry(Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, cols}, 'c'), epoch);
            entries.put(key, e);
            bytes += need;
        }
        e.epoch = epoch;
        return e.array;
    }

    private void evict(long need) {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (bytes + need > MAX_BYTES && it.hasNext()) {
            Map.Entry<Key, Entry> old = it.next();
            if (old.getValue().epoch == epoch) {
                continue;
            }
            it.remove();
            bytes -= old.getKey().rows() * old.getKey().cols() * Float.BYTES;
            old.getValue().array.close();
        }
    }

    /** @return bytes held (for tests) */
    long bytes() {
        return bytes;
    }

    /** @return matrices held (for tests) */
    int size() {
        return entries.size();
    }
}
