package org.detectgpt.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.detectgpt.model.nn.FastExp;
import org.detectgpt.model.nn.Nd;

/**
 * A small Llama-architecture causal LM with hand-written forward and backward passes: the
 * trainable twin of {@link org.detectgpt.model.arch.LlamaModel}, so what it learns runs unchanged
 * in the scoring engine once exported.
 *
 * <p>Architecture: tied token embedding E; per block, pre-RMSNorm (ε = 1e-5) multi-head attention
 * with rotary positions (θ = 10000, {@code rotate_half} pairs) and a SwiGLU FFN
 * {@code W_d(silu(x W_g) ⊙ x W_u)}; a final RMSNorm; logits {@code h·Eᵀ}. Loss: mean
 * next-token cross-entropy over every position of every sequence.
 *
 * <p>All parameters live in one {@code float[]} ({@link #params()}) with a gradient array of the
 * same layout, which keeps the optimiser and checkpoints trivial. Matrices are stored
 * {@code [in × out]} (transposed to PyTorch's {@code [out × in]} on export). Every matrix product
 * is one sgemm through ND4J ({@link Nd#gemm}); element-wise work is plain Java.
 *
 * <p>Backward formulas (per row, u = dy ⊙ g): RMSNorm {@code dx = r·u − (r³/d)·x·Σ u·x},
 * {@code dg = Σ_rows dy·x·r}; attention {@code dP = dO·Vᵀ}, {@code dV = Pᵀ·dO},
 * {@code dS = P ⊙ (dP − rowsum(dP ⊙ P))·s}, {@code dQ = dS·K}, {@code dK = dSᵀ·Q}; SwiGLU
 * {@code dg = dm·u·σ(g)(1 + g(1 − σ(g)))}, {@code du = dm·silu(g)}; RoPE backward rotates by −θ.
 * Not thread-safe: one instance per training run.
 */
public final class TrainableLlama {
    /** RMSNorm epsilon, as in llama2.c and the exported config. */
    public static final double EPS = 1e-5;
    /** RoPE base. */
    public static final double THETA = 10000.0;

    private final Shape shape;
    private final float[] params;
    private final float[] grads;
    private final double[] invFreq;

    /**
     * Model dimensions.
     *
     * @param vocab vocabulary size
     * @param dim model width
     * @param layers blocks
     * @param heads attention heads (dim divisible by heads, head size even)
     * @param ffn SwiGLU hidden width
     * @param context sequence length trained on (and max positions exported)
     */
    public record Shape(int vocab, int dim, int layers, int heads, int ffn, int context) {
        /** Checks the dimensions. */
        public Shape {
            if (vocab <= 0 || dim <= 0 || layers <= 0 || heads <= 0 || ffn <= 0 || context <= 1
                    || dim % heads != 0 || (dim / heads) % 2 != 0) {
                throw new IllegalArgumentException("invalid model shape " + vocab + "/" + dim + "/" + layers + "/"
                    + heads + "/" + ffn + "/" + context);
            }
        }

        /** @return head size */
        public int headDim() {
            return dim / heads;
        }

        int layerSize() {
            return 2 * dim + 4 * dim * dim + 3 * dim * ffn;
        }

        /** @return total parameter count */
        public long parameters() {
            return (long) vocab * dim + (long) layers * layerSize() + dim;
        }
    }

    /**
     * @param shape dimensions
     * @param seed initialisation seed
     */
    public TrainableLlama(Shape shape, long seed) {
        this.shape = shape;
        this.params = new float[Math.toIntExact(shape.parameters())];
        this.grads = new float[params.length];
        int half = shape.headDim() / 2;
        this.invFreq = new double[half];
        for (int i = 0; i < half; i++) {
            invFreq[i] = 1.0 / Math.pow(THETA, (2.0 * i) / shape.headDim());
        }
        init(new SplittableRandom(seed));
    }

    /** Normal(0, 0.02) matrices, residual outputs scaled by 1/√(2L) (GPT-2), unit norm gains. */
    private void init(SplittableRandom rnd) {
        int d = shape.dim();
        double residual = 0.02 / Math.sqrt(2.0 * shape.layers());
        fillNormal(rnd, 0, shape.vocab() * d, 0.02);
        for (int l = 0; l < shape.layers(); l++) {
            Arrays.fill(params, g1(l), g1(l) + d, 1f);
            fillNormal(rnd, wq(l), 3 * d * d, 0.02);
            fillNormal(rnd, wo(l), d * d, residual);
            Arrays.fill(params, g2(l), g2(l) + d, 1f);
            fillNormal(rnd, wg(l), 2 * d * shape.ffn(), 0.02);
            fillNormal(rnd, wd(l), shape.ffn() * d, residual);
        }
        Arrays.fill(params, gf(), gf() + d, 1f);
    }

    private void fillNormal(SplittableRandom rnd, int from, int n, double std) {
        for (int i = 0; i < n; i++) {
            // Box–Muller from the seeded stream, so initialisation is reproducible everywhere
            double u1 = 1.0 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            params[from + i] = (float) (std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
    }

    /** @return the dimensions */
    public Shape shape() {
        return shape;
    }

    /** @return all parameters (shared; the optimiser updates them in place) */
    public float[] params() {
        return params;
    }

    /** @return the gradient of the last {@link #step} (shared) */
    public float[] grads() {
        return grads;
    }

    // ---- parameter layout -------------------------------------------------------------------

    /** @return offset of the embedding [vocab × dim] */
    public int emb() {
        return 0;
    }

    private int layerBase(int l) {
        return shape.vocab() * shape.dim() + l * shape.layerSize();
    }

    /** @return offset of block l's attention RMSNorm gain [dim] */
    public int g1(int l) {
        return layerBase(l);
    }

    /** @return offset of block l's query projection [dim × dim], stored [in × out] */
    public int wq(int l) {
        return g1(l) + shape.dim();
    }

    /** @return offset of block l's key projection [dim × dim] */
    public int wk(int l) {
        return wq(l) + shape.dim() * shape.dim();
    }

    /** @return offset of block l's value projection [dim × dim] */
    public int wv(int l) {
        return wk(l) + shape.dim() * shape.dim();
    }

    /** @return offset of block l's output projection [dim × dim] */
    public int wo(int l) {
        return wv(l) + shape.dim() * shape.dim();
    }

    /** @return offset of block l's FFN RMSNorm gain [dim] */
    public int g2(int l) {
        return wo(l) + shape.dim() * shape.dim();
    }

    /** @return offset of block l's gate projection [dim × ffn] */
    public int wg(int l) {
        return g2(l) + shape.dim();
    }

    /** @return offset of block l's up projection [dim × ffn] */
    public int wu(int l) {
        return wg(l) + shape.dim() * shape.ffn();
    }

    /** @return offset of block l's down projection [ffn × dim] */
    public int wd(int l) {
        return wu(l) + shape.dim() * shape.ffn();
    }

    /** @return offset of the final RMSNorm gain [dim] */
    public int gf() {
        return layerBase(shape.layers());
    }

    /** @return whether parameter i belongs to a matrix (weight decay applies) rather than a gain */
    public boolean isMatrix(int i) {
        if (i < shape.vocab() * shape.dim()) {
            return true;
        }
        if (i >= gf()) {
            return false;
        }
        int l = (i - layerBase(0)) / shape.layerSize();
        return !(i >= g1(l) && i < g1(l) + shape.dim() || i >= g2(l) && i < g2(l) + shape.dim());
    }

    private float[] slice(int off, int n) {
        return Arrays.copyOfRange(params, off, off + n);
    }

    private void addGrad(int off, float[] g) {
        for (int i = 0; i < g.length; i++) {
            grads[off + i] += g[i];
        }
    }

    // ---- forward and backward ---------------------------------------------------------------

    /** Saved activations of one block for the backward pass. */
    private static final class BlockCache {
        float[] x;
        float[] h1;
        float[] r1;
        float[] q;
        float[] k;
        float[] v;
        float[] p;
        float[] o;
        float[] x1;
        float[] h2;
        float[] r2;
        float[] g;
        float[] u;
        float[] m;
    }

    /**
     * Forward and backward over a batch; gradients are overwritten.
     *
     * @param input {@code [batch × context]} token ids
     * @param target {@code [batch × context]} next-token ids
     * @param batch sequences
     * @return the mean cross-entropy (nats per token)
     */
    public double step(int[] input, int[] target, int batch) {
        Arrays.fill(grads, 0f);
        return run(input, target, batch, true);
    }

    /**
     * Forward only.
     *
     * @return the mean cross-entropy (nats per token)
     */
    public double loss(int[] input, int[] target, int batch) {
        return run(input, target, batch, false);
    }

    /**
     * Log-probabilities of each next token of one sequence of exactly {@code context} inputs
     * (the check that an exported model scores like the trainer).
     *
     * @param input {@code context} ids
     * @param target {@code context} next ids
     * @return log p(target[i] | input[..i]) for every i
     */
    public double[] logprobs(int[] input, int[] target) {
        int d = shape.dim();
        int t = shape.context();
        float[] x = new float[t * d];
        for (int i = 0; i < t; i++) {
            System.arraycopy(params, emb() + input[i] * d, x, i * d, d);
        }
        for (int l = 0; l < shape.layers(); l++) {
            x = blockForward(l, x, 1, new BlockCache());
        }
        float[] h = rmsForward(x, slice(gf(), d), new float[t], t);
        float[] logits = new float[t * shape.vocab()];
        Nd.gemm(h, t, d, false, slice(emb(), shape.vocab() * d), shape.vocab(), d, true, logits, false);
        double[] out = new double[t];
        for (int i = 0; i < t; i++) {
            int o = i * shape.vocab();
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < shape.vocab(); j++) {
                max = Math.max(max, logits[o + j]);
            }
            double z = 0;
            for (int j = 0; j < shape.vocab(); j++) {
                z += Math.exp(logits[o + j] - max);
            }
            out[i] = logits[o + target[i]] - max - Math.log(z);
        }
        return out;
    }

    private double run(int[] input, int[] target, int batch, boolean backward) {
        int t = shape.context();
        int d = shape.dim();
        int n = batch * t;
        if (input.length != n || target.length != n) {
            throw new IllegalArgumentException("expected " + n + " ids, got " + input.length + "/" + target.length);
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(params, emb() + input[i] * d, x, i * d, d);
        }
        BlockCache[] caches = new BlockCache[shape.layers()];
        for (int l = 0; l < shape.layers(); l++) {
            caches[l] = new BlockCache();
            x = blockForward(l, x, batch, caches[l]);
        }
        float[] rf = new float[n];
        float[] gfw = slice(gf(), d);
        float[] hf = rmsForward(x, gfw, rf, n);
        float[] dhf = backward ? new float[n * d] : null;
        double loss = headLossAndBackward(hf, target, n, dhf);
        if (!backward) {
            return loss;
        }
        float[] dx = rmsBackward(dhf, x, gfw, rf, n, gf());
        for (int l = shape.layers() - 1; l >= 0; l--) {
            dx = blockBackward(l, dx, batch, caches[l]);
        }
        for (int i = 0; i < n; i++) {
            int o = emb() + input[i] * d;
            for (int j = 0; j < d; j++) {
                grads[o + j] += dx[i * d + j];
            }
        }
        return loss;
    }

    /** Logits h·Eᵀ in row blocks; accumulates dE and writes dh when {@code dh != null}. */
    private double headLossAndBackward(float[] h, int[] target, int n, float[] dh) {
        int d = shape.dim();
        int v = shape.vocab();
        float[] e = slice(emb(), v * d);
        float[] de = dh == null ? null : new float[v * d];
        int block = Math.max(1, Math.min(n, (1 << 22) / v));
        double total = 0;
        for (int r0 = 0; r0 < n; r0 += block) {
            int rows = Math.min(block, n - r0);
            float[] hb = Arrays.copyOfRange(h, r0 * d, (r0 + rows) * d);
            float[] logits = new float[rows * v];
            Nd.gemm(hb, rows, d, false, e, v, d, true, logits, false);
            for (int r = 0; r < rows; r++) {
                int o = r * v;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < v; j++) {
                    max = Math.max(max, logits[o + j]);
                }
                int y = target[r0 + r];
                float logitY = logits[o + y];
                double z = 0;
                for (int j = 0; j < v; j++) {
                    // FastExp: Math.exp over every logit measured as a third of the head's time
                    float ex = FastExp.exp(logits[o + j] - max);
                    logits[o + j] = ex;
                    z += ex;
                }
                total += Math.log(z) - (logitY - max);
                if (dh != null) {
                    float scale = (float) (1.0 / (z * n));
                    for (int j = 0; j < v; j++) {
                        logits[o + j] *= scale;
                    }
                    logits[o + y] -= 1f / n;
                }
            }
            if (dh != null) {
                float[] dhb = new float[rows * d];
                Nd.gemm(logits, rows, v, false, e, v, d, false, dhb, false);
                System.arraycopy(dhb, 0, dh, r0 * d, rows * d);
                Nd.gemm(logits, rows, v, true, hb, rows, d, false, de, true);
            }
        }
        if (de != null) {
            addGrad(emb(), de);
        }
        return total / n;
    }

    private float[] blockForward(int l, float[] x, int batch, BlockCache c) {
        int t = shape.context();
        int d = shape.dim();
        int f = shape.ffn();
        int n = batch * t;
        c.x = x;
        c.r1 = new float[n];
        c.h1 = rmsForward(x, slice(g1(l), d), c.r1, n);
        c.q = linear(c.h1, n, wq(l), d, d);
        c.k = linear(c.h1, n, wk(l), d, d);
        c.v = linear(c.h1, n, wv(l), d, d);
        rope(c.q, batch, 1);
        rope(c.k, batch, 1);
        c.p = new float[batch * shape.heads() * t * t];
        c.o = attentionForward(c.q, c.k, c.v, c.p, batch);
        float[] a = linear(c.o, n, wo(l), d, d);
        c.x1 = new float[n * d];
        for (int i = 0; i < c.x1.length; i++) {
            c.x1[i] = x[i] + a[i];
        }
        c.r2 = new float[n];
        c.h2 = rmsForward(c.x1, slice(g2(l), d), c.r2, n);
        c.g = linear(c.h2, n, wg(l), d, f);
        c.u = linear(c.h2, n, wu(l), d, f);
        c.m = new float[n * f];
        for (int i = 0; i < c.m.length; i++) {
            double s = 1.0 / (1.0 + FastExp.exp(Math.min(80f, -c.g[i])));
            c.m[i] = (float) (c.g[i] * s * c.u[i]);
        }
        float[] down = linear(c.m, n, wd(l), f, d);
        float[] out = new float[n * d];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.x1[i] + down[i];
        }
        return out;
    }

    private float[] blockBackward(int l, float[] dout, int batch, BlockCache c) {
        int t = shape.context();
        int d = shape.dim();
        int f = shape.ffn();
        int n = batch * t;
        // out = x1 + m·Wd
        float[] dm = linearBackward(dout, c.m, n, wd(l), f, d);
        float[] dg = new float[n * f];
        float[] du = new float[n * f];
        for (int i = 0; i < dg.length; i++) {
            double s = 1.0 / (1.0 + FastExp.exp(Math.min(80f, -c.g[i])));
            double silu = c.g[i] * s;
            du[i] = (float) (dm[i] * silu);
            dg[i] = (float) (dm[i] * c.u[i] * s * (1 + c.g[i] * (1 - s)));
        }
        float[] dh2 = linearBackward(dg, c.h2, n, wg(l), d, f);
        float[] dh2u = linearBackward(du, c.h2, n, wu(l), d, f);
        for (int i = 0; i < dh2.length; i++) {
            dh2[i] += dh2u[i];
        }
        float[] dx1 = rmsBackward(dh2, c.x1, slice(g2(l), d), c.r2, n, g2(l));
        for (int i = 0; i < dx1.length; i++) {
            dx1[i] += dout[i];
        }
        // x1 = x + o·Wo
        float[] dO = linearBackward(dx1, c.o, n, wo(l), d, d);
        float[] dq = new float[n * d];
        float[] dk = new float[n * d];
        float[] dv = new float[n * d];
        attentionBackward(dO, c.q, c.k, c.v, c.p, dq, dk, dv, batch);
        rope(dq, batch, -1);
        rope(dk, batch, -1);
        float[] dh1 = linearBackward(dq, c.h1, n, wq(l), d, d);
        float[] tmp = linearBackward(dk, c.h1, n, wk(l), d, d);
        float[] tmp2 = linearBackward(dv, c.h1, n, wv(l), d, d);
        for (int i = 0; i < dh1.length; i++) {
            dh1[i] += tmp[i] + tmp2[i];
        }
        float[] dx = rmsBackward(dh1, c.x, slice(g1(l), d), c.r1, n, g1(l));
        for (int i = 0; i < dx.length; i++) {
            dx[i] += dx1[i];
        }
        return dx;
    }

    private float[] linear(float[] x, int rows, int w, int in, int out) {
        float[] y = new float[rows * out];
        Nd.gemm(x, rows, in, false, slice(w, in * out), in, out, false, y, false);
        return y;
    }

    /** y = x·W: accumulates dW = xᵀ·dy into the gradient, returns dx = dy·Wᵀ. */
    private float[] linearBackward(float[] dy, float[] x, int rows, int w, int in, int out) {
        float[] dw = new float[in * out];
        Nd.gemm(x, rows, in, true, dy, rows, out, false, dw, false);
        addGrad(w, dw);
        float[] dx = new float[rows * in];
        Nd.gemm(dy, rows, out, false, slice(w, in * out), in, out, true, dx, false);
        return dx;
    }

    private float[] rmsForward(float[] x, float[] g, float[] r, int rows) {
        int d = g.length;
        float[] y = new float[x.length];
        for (int i = 0; i < rows; i++) {
            double ss = 0;
            for (int j = 0; j < d; j++) {
                ss += (double) x[i * d + j] * x[i * d + j];
            }
            r[i] = (float) (1.0 / Math.sqrt(ss / d + EPS));
            for (int j = 0; j < d; j++) {
                y[i * d + j] = x[i * d + j] * r[i] * g[j];
            }
        }
        return y;
    }

    private float[] rmsBackward(float[] dy, float[] x, float[] g, float[] r, int rows, int gOffset) {
        int d = g.length;
        float[] dx = new float[x.length];
        float[] dg = new float[d];
        for (int i = 0; i < rows; i++) {
            double dot = 0;
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                dg[j] += dy[k] * x[k] * r[i];
                dot += (double) dy[k] * g[j] * x[k];
            }
            double ri = r[i];
            double coef = ri * ri * ri * dot / d;
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                dx[k] = (float) (ri * dy[k] * g[j] - coef * x[k]);
            }
        }
        addGrad(gOffset, dg);
        return dx;
    }

    /** Rotates every head in place; {@code sign} −1 applies the inverse rotation (backward). */
    private void rope(float[] x, int batch, int sign) {
        int t = shape.context();
        int d = shape.dim();
        int hd = shape.headDim();
        int half = hd / 2;
        for (int pos = 0; pos < t; pos++) {
            for (int i = 0; i < half; i++) {
                double a = pos * invFreq[i];
                double cos = Math.cos(a);
                double sin = sign * Math.sin(a);
                for (int b = 0; b < batch; b++) {
                    int row = (b * t + pos) * d;
                    for (int h = 0; h < shape.heads(); h++) {
                        int o = row + h * hd;
                        double p = x[o + i];
                        double q = x[o + i + half];
                        x[o + i] = (float) (p * cos - q * sin);
                        x[o + i + half] = (float) (q * cos + p * sin);
                    }
                }
            }
        }
    }

    private float[] head(float[] x, int b, int h) {
        int t = shape.context();
        int d = shape.dim();
        int hd = shape.headDim();
        float[] out = new float[t * hd];
        for (int i = 0; i < t; i++) {
            System.arraycopy(x, (b * t + i) * d + h * hd, out, i * hd, hd);
        }
        return out;
    }

    private void scatterAdd(float[] src, float[] dst, int b, int h) {
        int t = shape.context();
        int d = shape.dim();
        int hd = shape.headDim();
        for (int i = 0; i < t; i++) {
            int o = (b * t + i) * d + h * hd;
            for (int j = 0; j < hd; j++) {
                dst[o + j] += src[i * hd + j];
            }
        }
    }

    private float[] attentionForward(float[] q, float[] k, float[] v, float[] pAll, int batch) {
        int t = shape.context();
        int hd = shape.headDim();
        float scale = (float) (1.0 / Math.sqrt(hd));
        float[] o = new float[q.length];
        float[] s = new float[t * t];
        float[] oh = new float[t * hd];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < shape.heads(); h++) {
                float[] qh = head(q, b, h);
                float[] kh = head(k, b, h);
                Nd.gemm(qh, t, hd, false, kh, t, hd, true, s, false);
                for (int i = 0; i < t; i++) {
                    int r = i * t;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        max = Math.max(max, s[r + j]);
                    }
                    double z = 0;
                    for (int j = 0; j <= i; j++) {
                        float e = FastExp.exp((s[r + j] - max) * scale);
                        s[r + j] = e;
                        z += e;
                    }
                    float inv = (float) (1.0 / z);
                    for (int j = 0; j <= i; j++) {
                        s[r + j] *= inv;
                    }
                    Arrays.fill(s, r + i + 1, r + t, 0f);
                }
                System.arraycopy(s, 0, pAll, (b * shape.heads() + h) * t * t, t * t);
                Nd.gemm(s, t, t, false, head(v, b, h), t, hd, false, oh, false);
                scatterAdd(oh, o, b, h);
            }
        }
        return o;
    }

    private void attentionBackward(float[] dO, float[] q, float[] k, float[] v, float[] pAll, float[] dq,
            float[] dk, float[] dv, int batch) {
        int t = shape.context();
        int hd = shape.headDim();
        float scale = (float) (1.0 / Math.sqrt(hd));
        float[] p = new float[t * t];
        float[] dp = new float[t * t];
        float[] tmp = new float[t * hd];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < shape.heads(); h++) {
                System.arraycopy(pAll, (b * shape.heads() + h) * t * t, p, 0, t * t);
                float[] doh = head(dO, b, h);
                float[] vh = head(v, b, h);
                Nd.gemm(doh, t, hd, false, vh, t, hd, true, dp, false);
                Nd.gemm(p, t, t, true, doh, t, hd, false, tmp, false);
                scatterAdd(tmp, dv, b, h);
                for (int i = 0; i < t; i++) {
                    int r = i * t;
                    double dot = 0;
                    for (int j = 0; j <= i; j++) {
                        dot += (double) dp[r + j] * p[r + j];
                    }
                    for (int j = 0; j <= i; j++) {
                        dp[r + j] = (float) (p[r + j] * (dp[r + j] - dot) * scale);
                    }
                    Arrays.fill(dp, r + i + 1, r + t, 0f);
                }
                Nd.gemm(dp, t, t, false, head(k, b, h), t, hd, false, tmp, false);
                scatterAdd(tmp, dq, b, h);
                Nd.gemm(dp, t, t, true, head(q, b, h), t, hd, false, tmp, false);
                scatterAdd(tmp, dk, b, h);
            }
        }
    }
}
