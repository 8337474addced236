package org.detectgpt.model.nn;

import java.util.Locale;
import org.apache.commons.math3.special.Erf;

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
            x[i] = (float) apply(x[i]);
        }
        return x;
    }
}
