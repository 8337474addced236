package org.detectgpt.model.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Simd}'s kernels in Vector API lanes. Loaded only when {@code jdk.incubator.vector} is in
 * the boot layer ({@link Simd} checks first): nothing else may refer to this class.
 *
 * <p>No mask blends in the hot loops (no {@code blend}, no masked {@code add}; the rank count
 * takes a mask's {@code trueCount}): with them, JDK 17's C2 compiled these kernels, in most JVMs,
 * into code that boxes its vectors — 14 of 20 runs of {@code FastPathLoop} allocated 330–340 MB
 * per Fast-DetectGPT call against 132 MB, and took 1.2× as long; without them, 4 of 35
 * (benchmarks/README.md).
 */
final class VectorKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();
    /** Vectors summed in float lanes before the lanes are added into double. */
    private static final int BLOCK = 16;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUNDER = 0x1.8p23f;
    /** The rounder's bits minus the exponent bias: subtracted, leaves k + 127 in the low bits. */
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER) - 127;
    /** Each thread's row of weights between the two passes of {@link #weighted}. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * Whether the CPU multiplies and adds in one instruction (HotSpot's {@code UseFMA}): without it
     * {@code fma} runs lane by lane in software, so the products below use a multiply and an add.
     */
    private static final boolean FMA = fmaInHardware();

    private VectorKernels() {}

    private static boolean fmaInHardware() {
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory
                .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** @return {@code x·y + acc}, fused where the CPU can */
    private static FloatVector madd(FloatVector x, float y, FloatVector acc) {
        return FMA ? x.fma(FloatVector.broadcast(F, y), acc) : x.mul(y).add(acc);
    }

    /** @return whether lanes pay: at least 4 floats (SSE, NEON) per vector */
    static boolean usable() {
        return LANES >= 4;
    }

    /**
     * {@link FastExp#exp} in lanes: the same operations in the same order (plain multiplies and
     * adds: a CPU without FMA would run {@code fma} lane by lane in software), except below −87,
     * where the argument is floored at −87 (e^−87 ≈ 1.6e-38, which no sum of these kernels can
     * tell from FastExp's 0) instead of blending in 0 — see the class comment.
     */
    static FloatVector exp(FloatVector x) {
        x = x.max(-87f);
        // x·log2(e) + 1.5·2^23 holds round(x·log2(e)) in its low mantissa bits: k as a float by
        // subtracting the rounder again, k + 127 as an int from the bits (no float→int conversion)
        FloatVector kr = x.mul(LOG2E).add(ROUNDER);
        FloatVector k = kr.sub(ROUNDER);
        FloatVector r = x.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f).mul(r).add(8.3334519073E-3f).mul(r)
            .add(4.1665795894E-2f).mul(r).add(1.6666665459E-1f).mul(r).add(5.0000001201E-1f);
        FloatVector e = p.mul(r.mul(r)).add(r).add(1f);
        FloatVector scale = kr.reinterpretAsInts().sub(ROUNDER_BITS).lanewise(VectorOperators.LSHL, 23)
            .reinterpretAsFloats();
        return e.mul(scale);
    }

    static float max(float[] a, int from, int to) {
        int i = from;
        float m = Float.NEGATIVE_INFINITY;
        if (to - from >= LANES) {
            FloatVector vm = FloatVector.fromArray(F, a, i);
            for (i += LANES; i <= to - LANES; i += LANES) {
                vm = vm.max(FloatVector.fromArray(F, a, i));
            }
            m = vm.reduceLanes(VectorOperators.MAX);
        }
        for (; i < to; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    /**
     * {@link Simd}'s weighted sums: with {@code c_v = p_v − pShift} and weights
     * {@code e_v = e^{q_v − qShift}}, {@code out = [Σe, Σe·c, Σe·c², #{v : p_v > above}]}. Pass 1 puts each {@code e_v} in a scratch row and sums
     * {@code e}, {@code e·c} and the count; pass 2 sums {@code e·(c − m)²} around the mean
     * {@code m = Σe·c / Σe}, and {@code Σe·c² = Σe·(c − m)² + (Σe·c)²/Σe} in double. Summing
     * {@code e·c²} in float lanes directly would cost the variance {@code Σe·c²/Σe − m²} its last
     * digits to cancellation (an absolute error of ~1e-6 for a variance of 4 around a mean of −5).
     */
    static void weighted(float[] p, int po, float pShift, float[] q, int qo, float qShift, float above,
            int n, double[] out) {
        float[] e = scratch(n);
        double z = 0;
        double s1 = 0;
        int count = 0;
        int v = 0;
        while (v <= n - LANES) {
            FloatVector az = FloatVector.zero(F);
            FloatVector a1 = az;
            for (int b = 0; b < BLOCK && v <= n - LANES; b++, v += LANES) {
                FloatVector pv = FloatVector.fromArray(F, p, po + v);
                FloatVector c = pv.sub(pShift);
                FloatVector ev = exp(FloatVector.fromArray(F, q, qo + v).sub(qShift));
                ev.intoArray(e, v);
                az = az.add(ev);
                a1 = a1.add(ev.mul(c));
                count += pv.compare(VectorOperators.GT, above).trueCount();
            }
            z += az.reduceLanes(VectorOperators.ADD);
            s1 += a1.reduceLanes(VectorOperators.ADD);
        }
        for (; v < n; v++) {
            float pv = p[po + v];
            float c = pv - pShift;
            e[v] = FastExp.exp(q[qo + v] - qShift);
            z += e[v];
            s1 += (double) e[v] * c;
            if (pv > above) {
                count++;
            }
        }
        out[0] = z;
        out[1] = s1;
        out[2] = centred(p, po, pShift, e, n, s1 / z) + s1 * s1 / z;
        if (out.length > 3) {
            out[3] = count;
        }
    }

    /** {@code Σ e_v·(l_v − shift − mean)²} over a row whose weights pass 1 left in {@code e}. */
    private static double centred(float[] l, int o, float shift, float[] e, int n, double mean) {
        float m = (float) (shift + mean);
        double sum = 0;
        int v = 0;
        while (v <= n - LANES) {
            FloatVector acc = FloatVector.zero(F);
            for (int b = 0; b < BLOCK && v <= n - LANES; b++, v += LANES) {
                FloatVector d = FloatVector.fromArray(F, l, o + v).sub(m);
                acc = acc.add(FloatVector.fromArray(F, e, v).mul(d.mul(d)));
            }
            sum += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; v < n; v++) {
            double d = l[o + v] - (shift + mean);
            sum += e[v] * d * d;
        }
        return sum;
    }

    /** A row of at least n floats for this thread's pass 1 → pass 2 hand-over. */
    private static float[] scratch(int n) {
        float[] s = SCRATCH.get();
        if (s.length < n) {
            s = new float[n];
            SCRATCH.set(s);
        }
        return s;
    }

    static double expInPlace(float[] x, int from, int to, float shift) {
        double sum = 0;
        int j = from;
        while (j <= to - LANES) {
            FloatVector acc = FloatVector.zero(F);
            for (int b = 0; b < BLOCK && j <= to - LANES; b++, j += LANES) {
                FloatVector e = exp(FloatVector.fromArray(F, x, j).sub(shift));
                e.intoArray(x, j);
                acc = acc.add(e);
            }
            sum += acc.reduceLanes(VectorOperators.ADD);
        }
        return sum + Simd.scalarExpInPlace(x, j, to, shift);
    }

    static void siluGate(float[] g, float[] u, int from, int to) {
        int i = from;
        for (; i <= to - LANES; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, g, i);
            // x floored at −80, where the loops return 0: −80/(1 + e^80) ≈ −1.5e-33 there, and e^(−x)
            // cannot overflow the exponent bits
            FloatVector xc = x.max(-80f);
            FloatVector s = xc.div(exp(xc.neg()).add(1f));
            s.mul(FloatVector.fromArray(F, u, i)).intoArray(g, i);
        }
        Simd.scalarSiluGate(g, u, i, to);
    }

    /**
     * {@link Simd#scores}: four query rows share each load of the keys' lanes. A range of at least
     * one vector ends with a vector that overlaps the one before it (recomputing a few scores)
     * instead of a scalar tail, which would cost as much as the lanes over a short range.
     */
    static void scores(float[] q, int qo, int qStride, int rows, float[] kt, int ko, int kStride, int hd,
            int from, int to, float[] s, int so, int sStride) {
        if (to - from < LANES) {
            Simd.scalarScores(q, qo, qStride, rows, kt, ko, kStride, hd, from, from, to, s, so, sStride);
            return;
        }
        for (int j = from; j < to; j += LANES) {
            int jv = Math.min(j, to - LANES);
            if (rows == 4) {
                fourRows(kt, ko + jv, kStride, hd, q, qo, qStride, s, so + jv, sStride);
            } else {
                for (int r = 0; r < rows; r++) {
                    oneRow(kt, ko + jv, kStride, hd, q, qo + r * qStride, s, so + r * sStride + jv);
                }
            }
        }
    }

    /** {@link Simd#mix}: four rows share each load of a value row's lanes. */
    static void mix(float[] p, int po, int pStride, int rows, float[] v, int vo, int vStride, int hd,
            int from, int to, float[] out, int oo, int oStride) {
        int c = 0;
        for (; c <= hd - LANES; c += LANES) {
            int v0 = vo + from * vStride + c;
            if (rows == 4) {
                fourRows(v, v0, vStride, to - from, p, po + from, pStride, out, oo + c, oStride);
            } else {
                for (int r = 0; r < rows; r++) {
                    oneRow(v, v0, vStride, to - from, p, po + r * pStride + from, out, oo + r * oStride + c);
                }
            }
        }
        Simd.scalarMix(p, po, pStride, rows, v, vo, vStride, c, hd, from, to, out, oo, oStride);
    }

    /**
     * The block kernel of {@link #scores} and {@link #mix}: for r in 0..3,
     * {@code out[o + r·oStride + lane] = Σ_t x[x0 + t·xStride + lane] · w[w0 + r·wStride + t]}
     * over t in {@code [0, n)} — one load of x's lanes per t serves four rows of weights.
     */
    private static void fourRows(float[] x, int x0, int xStride, int n, float[] w, int w0, int wStride, float[] out,
            int o, int oStride) {
        int w1 = w0 + wStride;
        int w2 = w1 + wStride;
        int w3 = w2 + wStride;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int t = 0, xt = x0; t < n; t++, xt += xStride) {
            FloatVector xv = FloatVector.fromArray(F, x, xt);
            a0 = madd(xv, w[w0 + t], a0);
            a1 = madd(xv, w[w1 + t], a1);
            a2 = madd(xv, w[w2 + t], a2);
            a3 = madd(xv, w[w3 + t], a3);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + oStride);
        a2.intoArray(out, o + 2 * oStride);
        a3.intoArray(out, o + 3 * oStride);
    }

    /** {@link #fourRows} for one row. */
    private static void oneRow(float[] x, int x0, int xStride, int n, float[] w, int w0, float[] out, int o) {
        FloatVector a = FloatVector.zero(F);
        for (int t = 0, xt = x0; t < n; t++, xt += xStride) {
            a = madd(FloatVector.fromArray(F, x, xt), w[w0 + t], a);
        }
        a.intoArray(out, o);
    }

    static void rmsNorm(float[] x, int o, float[] w, double eps) {
        int d = w.length;
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (; j <= d - LANES; j += LANES) {
            FloatVector v = FloatVector.fromArray(F, x, o + j);
            acc = acc.add(v.mul(v));
        }
        double ss = acc.reduceLanes(VectorOperators.ADD);
        for (; j < d; j++) {
            ss += (double) x[o + j] * x[o + j];
        }
        double inv = 1.0 / Math.sqrt(ss / d + eps);
        float invF = (float) inv;
        j = 0;
        for (; j <= d - LANES; j += LANES) {
            FloatVector.fromArray(F, x, o + j).mul(invF).mul(FloatVector.fromArray(F, w, j)).intoArray(x, o + j);
        }
        for (; j < d; j++) {
            x[o + j] = (float) (x[o + j] * inv * w[j]);
        }
    }
}
