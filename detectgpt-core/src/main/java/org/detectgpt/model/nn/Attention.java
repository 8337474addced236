package org.detectgpt.model.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.detectgpt.util.Args;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head scaled dot-product attention with grouped key/value heads (GQA / MQA), a causal or
 * full mask, an optional sliding window and an optional additive position bias.
 *
 * <p>For query head h (key/value head {@code g = h / (heads / kvHeads)}), query row i attends to
 * the visible keys j: {@code out_i = Σ_j softmax_j(scale · Q_i·K_j + B[h, i, j]) V_j}. With the
 * {@link Mask#causal causal} mask the query rows are the last {@code qRows} of the key positions
 * (row i sits at position {@code p = kRows − qRows + i}; equal counts for a whole sequence, one
 * row for a decoding step over a key/value cache) and see keys {@code j ≤ p}, and, with a window
 * w &gt; 0, {@code p − w < j}. The {@link Mask#FULL full} mask sees every key (an encoder, or
 * cross-attention from a decoder to an encoder). B is T5's relative position bias; causal models
 * pass none.
 *
 * <p>Three paths compute the same thing. Where the JVM has the Vector API ({@link Simd#vectorized}),
 * {@link #attendBlocks} runs blocks of query rows in lanes over only the keys each block sees —
 * measured on the shipped English model's 256-row windows (4 heads of 64, causal), 0.59–0.64 ms
 * per layer against 1.6–2.2 ms for per-head sgemm (benchmarks/README.md, "Native scratch and
 * attention blocks"). Without it,
 * per head, {@code Q·Kᵀ} and {@code P·V} are two plain sgemm calls into the thread's
 * {@link NativeScratch} buffers, and the masked softmax runs in Java over the visible keys only.
 * Measured on 2 cores (T = 582, hd = 8, 8 heads): ND4J's rank-3 batched {@code matmul} took 2.9×
 * as long as per-head sgemm, a pure-Java loop 14×, and ND4J's broadcast mask + softmax 2× the
 * Java softmax. Small problems are the exception: below {@value #JAVA_WORK} multiply-adds per
 * head ({@code qRows · kRows · hd}: a decoding step's single query row, or a short sequence) the
 * arithmetic costs less than the ND4J calls around it, and the row-by-row path
 * ({@link #attendJava}, in lanes where they are) runs instead — measured on 2 cores in scalar
 * loops, 8 heads of 8: 3–10× faster at T = 16–32, 15 % at T = 64, 25 % slower at T = 96 (the
 * crossover near T = 78; with heads of 64, near T = 27).
 */
public final class Attention {
    /** Multiply-adds per head up to which the Java loops are faster than ND4J calls. */
    static final long JAVA_WORK = 49_152;

    /**
     * Which keys a query row sees.
     *
     * @param causal whether row i sees only keys up to its own position
     * @param window with {@code causal}, a sliding window in positions, or 0 for none
     */
    public record Mask(boolean causal, int window) {
        /** Every key (encoder self-attention, cross-attention). */
        public static final Mask FULL = new Mask(false, 0);

        /** Checks the window. */
        public Mask {
            Args.check(window >= 0 && (causal || window == 0), "window %d needs a causal mask", window);
        }

        /**
         * @param window sliding window in positions, or 0 for full causal attention
         * @return a causal mask
         */
        public static Mask causal(int window) {
            return new Mask(true, window);
        }
    }

    private Attention() {}

    /**
     * Causal self-attention over a whole sequence (decoder-only models).
     *
     * @param q row-major {@code [T × heads·hd]}
     * @param k row-major {@code [T × kvHeads·hd]}
     * @param v row-major {@code [T × kvHeads·hd]}
     * @param rows T
     * @param heads query heads
     * @param kvHeads key/value heads (divides heads)
     * @param hd head size
     * @param scale multiplier of the scores ({@code 1/√hd} usually; 1 for GPT-Neo)
     * @param window sliding window in positions, or 0 for full causal attention
     * @return row-major {@code [T × heads·hd]}
     */
    public static float[] causal(float[] q, float[] k, float[] v, int rows, int heads, int kvHeads,
            int hd, double scale, int window) {
        return attend(q, k, v, rows, rows, heads, kvHeads, hd, scale, Mask.causal(window), null);
    }

    /**
     * The general form: any number of query and key rows, either mask, an optional bias.
     *
     * @param q row-major {@code [qRows × heads·hd]}
     * @param k row-major {@code [kRows × kvHeads·hd]}
     * @param v row-major {@code [kRows × kvHeads·hd]}
     * @param qRows query rows
     * @param kRows key rows (at least qRows under a causal mask)
     * @param heads query heads
     * @param kvHeads key/value heads (divides heads)
     * @param hd head size
     * @param scale multiplier of {@code Q·Kᵀ} (1 for T5 and GPT-Neo)
     * @param mask which keys each row sees
     * @param bias added to the scaled scores, row-major {@code [heads × qRows × kRows]}, or null
     * @return row-major {@code [qRows × heads·hd]}
     */
    public static float[] attend(float[] q, float[] k, float[] v, int qRows, int kRows, int heads,
            int kvHeads, int hd, double scale, Mask mask, float[] bias) {
        float[] out = new float[qRows * heads * hd];
        attendInto(q, 0, k, 0, v, 0, qRows, kRows, heads, kvHeads, hd, scale, mask, bias, out, 0);
        return out;
    }

    /**
     * {@link #attend} on matrices that start inside larger arrays (a packed pass's rows of one
     * sequence), the output written into the caller's array: no copies in or out (slicing a packed
     * pass's q, k and v per sequence cost 4 of its attention's 20 ms).
     *
     * @param qo offset of q's first row in q (likewise ko, vo)
     * @param out receives the {@code [qRows × heads·hd]} output from offset oo
     */
    public static void attendInto(float[] q, int qo, float[] k, int ko, float[] v, int vo, int qRows, int kRows,
            int heads, int kvHeads, int hd, double scale, Mask mask, float[] bias, float[] out, int oo) {
        Args.check(!mask.causal() || kRows >= qRows, "%d query rows after only %d keys", qRows, kRows);
        Args.check(bias == null || bias.length == (long) heads * qRows * kRows,
            "bias holds %d values, not %d heads × %d × %d", bias == null ? 0 : bias.length, heads, qRows, kRows);
        if ((long) qRows * kRows * hd <= JAVA_WORK) {
            attendJava(q, qo, k, ko, v, vo, qRows, kRows, heads, kvHeads, hd, (float) scale, mask, bias, out, oo);
        } else if (Simd.vectorized()) {
            attendBlocks(q, qo, k, ko, v, vo, qRows, kRows, heads, kvHeads, hd, (float) scale, mask, bias, out, oo);
        } else {
            attendRows(q, qo, k, ko, v, vo, qRows, kRows, heads, kvHeads, hd, (float) scale, mask, bias, out, oo);
        }
    }

    /**
     * In {@link Simd}'s lanes, {@link Simd#BLOCK_ROWS} query rows of one head at a time over the
     * keys the block sees — under a causal mask about half of the {@code qRows × kRows} square that
     * sgemm computes — with no copies into native buffers. Blocks run on all cores, cheap (early) and
     * dear (late) blocks interleaved so that each core gets an even share.
     */
    static void attendBlocks(float[] q, int qo, float[] k, int ko, float[] v, int vo, int qRows, int kRows,
            int heads, int kvHeads, int hd, float scale, Mask mask, float[] bias, float[] out, int oo0) {
        int group = heads / kvHeads;
        int qWidth = heads * hd;
        int kvWidth = kvHeads * hd;
        // the keys transposed, one row per key/value dimension: the lanes run along the keys
        // (in tiles of 16 keys: each tile's key rows stay in cache while its columns are written)
        float[] kt = new float[kvWidth * kRows];
        for (int j0 = 0; j0 < kRows; j0 += 16) {
            int j1 = Math.min(kRows, j0 + 16);
            for (int c = 0; c < kvWidth; c++) {
                for (int j = j0; j < j1; j++) {
                    kt[c * kRows + j] = k[ko + j * kvWidth + c];
                }
            }
        }
        int rowsPerBlock = Simd.BLOCK_ROWS;
        int blocks = (qRows + rowsPerBlock - 1) / rowsPerBlock;
        Parallel.forRange(heads * blocks, kRows * hd, (from, to) -> {
            float[] s = new float[rowsPerBlock * kRows];
            float[] inv = new float[rowsPerBlock];
            for (int t = from; t < to; t++) {
                int h = t % heads;
                int b = t / heads;
                int i0 = (b % 2 == 0 ? b / 2 : blocks - 1 - b / 2) * rowsPerBlock;
                int n = Math.min(rowsPerBlock, qRows - i0);
                int g = h / group;
                int first = kRows - qRows + i0;
                int lo = mask.causal() ? visibleFrom(first, mask) : 0;
                int hi = mask.causal() ? first + n : kRows;
                Simd.scores(q, qo + i0 * qWidth + h * hd, qWidth, n, kt, g * hd * kRows, kRows, hd, scale, lo, hi, s,
                    0, kRows);
                for (int r = 0; r < n; r++) {
                    int o = r * kRows;
                    if (bias != null) {
                        softmaxRow(s, o, kRows, first + r, 1f, mask, bias, (h * qRows + i0 + r) * kRows);
                        inv[r] = 1f;
                        continue;
                    }
                    // unnormalised weights over the row's own keys, 0 over the rest of the block's
                    // range; the output row is divided by their sum after the product
                    int rowLo = mask.causal() ? visibleFrom(first + r, mask) : 0;
                    int rowHi = mask.causal() ? first + r + 1 : kRows;
                    float max = Simd.max(s, o + rowLo, o + rowHi);
                    inv[r] = (float) (1 / Simd.expInPlace(s, o + rowLo, o + rowHi, max));
                    Arrays.fill(s, o + lo, o + rowLo, 0f);
                    Arrays.fill(s, o + rowHi, o + hi, 0f);
                }
                int oo = oo0 + i0 * qWidth + h * hd;
                Simd.mix(s, 0, kRows, n, v, vo + g * hd, kvWidth, hd, lo, hi, out, oo, qWidth);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < hd; c++) {
                        out[oo + r * qWidth + c] *= inv[r];
                    }
                }
            }
        });
    }

    /** @return the first key position {@code pos} sees under a causal mask (its window's start) */
    private static int visibleFrom(int pos, Mask mask) {
        return mask.window() > 0 ? Math.max(0, pos - mask.window() + 1) : 0;
    }

    static void attendRows(float[] q, int qo, float[] k, int ko, float[] v, int vo, int qRows, int kRows,
            int heads, int kvHeads, int hd, float scale, Mask mask, float[] bias, float[] out, int oo) {
        int group = heads / kvHeads;
        int qWidth = heads * hd;
        int kvWidth = kvHeads * hd;
        NativeScratch scratch = NativeScratch.begin();
        INDArray qh = scratch.matrix(0, qRows, hd);
        INDArray kh = scratch.matrix(1, kRows, hd);
        INDArray vh = scratch.matrix(2, kRows, hd);
        INDArray s = scratch.matrix(3, qRows, kRows);
        INDArray oh = scratch.matrix(4, qRows, hd);
        FloatBuffer qb = qh.data().asNioFloat();
        FloatBuffer kb = kh.data().asNioFloat();
        FloatBuffer vb = vh.data().asNioFloat();
        FloatBuffer sb = s.data().asNioFloat();
        FloatBuffer ob = oh.data().asNioFloat();
        float[] scores = new float[qRows * kRows];
        float[] head = new float[Math.max(qRows, kRows) * hd];
        int loadedKv = -1;
        for (int h = 0; h < heads; h++) {
            gather(q, qWidth, qo + h * hd, qRows, hd, head);
            qb.clear();
            qb.put(head, 0, qRows * hd);
            int g = h / group;
            if (g != loadedKv) {
                gather(k, kvWidth, ko + g * hd, kRows, hd, head);
                kb.clear();
                kb.put(head, 0, kRows * hd);
                gather(v, kvWidth, vo + g * hd, kRows, hd, head);
                vb.clear();
                vb.put(head, 0, kRows * hd);
                loadedKv = g;
            }
            Nd4j.gemm(qh, kh, s, false, true, 1.0, 0.0);
            sb.clear();
            sb.get(scores);
            int head0 = h;
            // the rows' softmaxes are independent Java work between two BLAS calls: use all cores
            IntStream.range(0, qRows).parallel().forEach(i -> softmaxRow(scores, i * kRows, kRows, kRows - qRows + i,
                scale, mask, bias, (head0 * qRows + i) * kRows));
            sb.clear();
            sb.put(scores);
            Nd4j.gemm(s, vh, oh, false, false, 1.0, 0.0);
            ob.clear();
            ob.get(head, 0, qRows * hd);
            for (int t = 0; t < qRows; t++) {
                System.arraycopy(head, t * hd, out, oo + t * qWidth + h * hd, hd);
            }
        }
    }

    /**
     * Row by row, head by head, over the visible keys (in {@link Simd}'s lanes where the JVM has
     * them: dot products along the head's dimensions, the weighted values as {@link Simd#mix} of
     * one row): faster than ND4J calls for small problems, such as a decoding step's one query
     * row against its key/value cache.
     */
    static void attendJava(float[] q, int qo, float[] k, int ko, float[] v, int vo, int qRows, int kRows,
            int heads, int kvHeads, int hd, float scale, Mask mask, float[] bias, float[] out, int oo) {
        int group = heads / kvHeads;
        int qWidth = heads * hd;
        int kvWidth = kvHeads * hd;
        float[] p = new float[kRows];
        for (int i = 0; i < qRows; i++) {
            int pos = kRows - qRows + i;
            int end = mask.causal() ? pos + 1 : kRows;
            for (int h = 0; h < heads; h++) {
                int row = i * qWidth + h * hd;
                int g = (h / group) * hd;
                Simd.dots(q, qo + row, k, ko + g, kvWidth, hd, 0, end, p, 0);
                softmaxRow(p, 0, kRows, pos, scale, mask, bias, (h * qRows + i) * kRows);
                Simd.mix(p, 0, kRows, 1, v, vo + g, kvWidth, hd, 0, end, out, oo + row, qWidth);
            }
        }
    }

    private static void gather(float[] x, int width, int offset, int rows, int hd, float[] dst) {
        for (int t = 0; t < rows; t++) {
            System.arraycopy(x, t * width + offset, dst, t * hd, hd);
        }
    }

    /**
     * In place, the softmax of {@code scale · s + bias} over the keys row {@code pos} sees;
     * masked entries become 0.
     *
     * @param s scores
     * @param o offset of the row in s
     * @param kRows keys in the row
     * @param pos the row's position among the keys (used by the causal mask)
     * @param bo offset of the row in bias
     */
    private static void softmaxRow(float[] s, int o, int kRows, int pos, float scale, Mask mask, float[] bias,
            int bo) {
        int lo = 0;
        int hi = kRows - 1;
        if (mask.causal()) {
            hi = pos;
            lo = mask.window() > 0 ? Math.max(0, pos - mask.window() + 1) : 0;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int j = lo; j <= hi; j++) {
            float x = s[o + j] * scale + (bias == null ? 0f : bias[bo + j]);
            s[o + j] = x;
            max = Math.max(max, x);
        }
        double sum = Simd.expInPlace(s, o + lo, o + hi + 1, max);
        float inv = (float) (1.0 / sum);
        Arrays.fill(s, o, o + lo, 0f);
        for (int j = lo; j <= hi; j++) {
            s[o + j] *= inv;
        }
        Arrays.fill(s, o + hi + 1, o + kRows, 0f);
    }
}
