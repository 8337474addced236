package org.detectgpt.model.nn;

import java.util.Locale;
import org.apache.commons.math3.special.Erf;
import org.detectgpt.util.Args;

/** Element-wise activation functions, by their Hugging Face {@code hidden_act} names. */
public enum Activation {
    /** {@code x · σ(x)} (SiLU / swish). */
    SILU,
    /** GELU, tanh approximation: {@code 0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))} ("gelu_new"). */
    GELU_TANH,
    /** Exact GELU: {@code 0.5x(1 + erf(x/√2))}. */
    GELU,
    /** {@code max(0, x)}. */
    RELU;

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    /**
     * @param name a {@code hidden_act} / {@code activation_function} value
     * @return the activation, or null if unknown
     */
    public static Activation forName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "silu", "swish" -> SILU;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
            case "gelu" -> GELU;
            case "relu" -> RELU;
            default -> null;
        };
    }

    /** @return f(x) */
    public double apply(double x) {
        return switch (this) {
            case SILU -> x / (1 + Math.exp(-x));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
            case GELU -> 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
            case RELU -> Math.max(0, x);
        };
    }

    /** Applies f to every element, in place; returns {@code x}. */
    public float[] applyInPlace(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = apply(x[i]);
        }
        return x;
    }

    /**
     * The gated form of Llama's MLP, {@code g ← f(g) ⊙ u}, in place.
     *
     * @param g gate projections, overwritten
     * @param u up projections, same length
     * @return {@code g}
     */
    public float[] gateInPlace(float[] g, float[] u) {
        Args.check(g.length == u.length, "gate has %d values, up %d", g.length, u.length);
        if (this == SILU) {
            // Llama's gate: the exponentials in SIMD lanes, split over the cores (a profile of a
            // packed pass put this loop, on one core, at a fifth of the Java time)
            Parallel.forRange(g.length, 1, (from, to) -> Simd.siluGate(g, u, from, to));
            return g;
        }
        for (int i = 0; i < g.length; i++) {
            g[i] = apply(g[i]) * u[i];
        }
        return g;
    }

    /**
     * f in float: SiLU through {@link FastExp} (a profile of a 58 M-parameter Llama put
     * {@code Math.exp} in SiLU at 15 % of the Java time), the others through {@link #apply(double)}.
     */
    private float apply(float x) {
        if (this == SILU) {
            return Simd.silu(x);
        }
        return (float) apply((double) x);
    }
}
