package org.detectgpt.model;

import java.util.Locale;

/**
 * How a loaded model holds its weight matrices in memory. Computation is fp32 either way.
 *
 * <p>The default comes from the system property {@value #PROPERTY} ({@code fp32} or
 * {@code stored}), so that the command line can choose it through {@code JAVA_OPTS}.
 */
public enum WeightStorage {
    /** Every weight converted to fp32 when loaded: 4 bytes per parameter, the fastest. */
    FP32,
    /**
     * Matrices stored as BF16 or F16 in the checkpoint stay 16-bit in memory (2 bytes per
     * parameter, on the Java heap) and are widened to fp32 for each product: the same results as
     * {@link #FP32} at about half the memory. The price is one widening of every matrix per
     * forward pass, about 2 ns per parameter on 2 cores against ~2·T flops per parameter for the
     * products: some 15–25 % more time at 300 tokens, up to ~60 % for texts under 100 tokens
     * (measured on a busy 2-core machine, so roughly). Embedding tables, norms, biases and the
     * output head stay fp32; F32 checkpoints are unaffected.
     */
    STORED;

    /** The system property that sets the default: {@code fp32} or {@code stored}. */
    public static final String PROPERTY = "detectgpt.weights";

    /**
     * @return the storage {@value #PROPERTY} names, {@link #FP32} when unset
     * @throws IllegalArgumentException if it names neither
     */
    public static WeightStorage fromSystemProperty() {
        String v = System.getProperty(PROPERTY, "fp32").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "fp32" -> FP32;
            case "stored" -> STORED;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + " is neither fp32 nor stored");
        };
    }
}
