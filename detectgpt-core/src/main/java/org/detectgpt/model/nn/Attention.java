package org.detectgpt.model.nn;

/**
 * Causal multi-head scaled dot-product attention with grouped key/value heads (GQA / MQA) and an
 * optional sliding window.
 *
 * <p>For query head h (key/value head {@code g = h / (heads / kvHeads)}), position q attends to
 * keys k with {@code k ≤ q} and, when {@code window > 0}, {@code q − window < k}:
 * {@code out_q = Σ_k softmax_k(scale · Q_q·K_k) V_k}. The two products run as batched ND4J
 * matmuls; the mask and the softmax (in double) in Java. Heads are processed in groups so the
 * score matrices stay under ~{@value #MAX_SCORES} floats.
 */
public final class Attention {
    static final int MAX_SCORES = 1 << 24;

    private Attention() {}

    /**
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
        int group = heads / kvHeads;
        int qWidth = heads * hd;
        int kvWidth = kvHeads * hd;
        float[] out = new float[rows * qWidth];
        long perHead = (long) rows * rows;
        int chunk = (int) Math.max(1, Math.min(heads, MAX_SCORES / Math.max(1, perHead)));
        for (int h0 = 0; h0 < heads; h0 += chunk) {
            int c = Math.min(chunk, heads - h0);
            float[] qa = new float[c * rows * hd];
            float[] kt = new float[c * hd * rows];
            float[] va = new float[c * rows * hd];
            for (int b = 0; b < c; b++) {
                int h = h0 + b;
                int g = h / group;
                for (int t = 0; t < rows; t++) {
                    System.arraycopy(q, t * qWidth + h * hd, qa, (b * rows + t) * hd, hd);
                    System.arraycopy(v, t * kvWidth + g * hd, va, (b * rows + t) * hd, hd);
                    for (int j = 0; j < hd; j++) {
                        kt[(b * hd + j) * rows + t] = k[t * kvWidth + g * hd + j];
                    }
                }
            }
            float[] s = Nd.batchedMatmul(qa, kt, c, rows, hd, rows);
            for (int b = 0; b < c; b++) {
                for (int t = 0; t < rows; t++) {
                    int o = (b * rows + t) * rows;
                    int lo = window > 0 ? Math.max(0, t - window + 1) : 0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = lo; j <= t; j++) {
                        max = Math.max(max, s[o + j] * scale);
                    }
                    double sum = 0;
                    for (int j = lo; j <= t; j++) {
                        double e = Math.exp(s[o + j] * scale - max);
                        s[o + j] = (float) e;
                        sum += e;
                    }
                    for (int j = 0; j < rows; j++) {
                        s[o + j] = j >= lo && j <= t ? (float) (s[o + j] / sum) : 0f;
                    }
                }
            }
            float[] o = Nd.batchedMatmul(s, va, c, rows, rows, hd);
            for (int b = 0; b < c; b++) {
                int h = h0 + b;
                for (int t = 0; t < rows; t++) {
                    System.arraycopy(o, (b * rows + t) * hd, out, t * qWidth + h * hd, hd);
                }
            }
        }
        return out;
    }
}
