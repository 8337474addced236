package org.detectgpt.model.arch;

import org.detectgpt.model.nn.Norm;

/**
 * A LayerNorm's parameters: {@code y = (x − mean) / sqrt(var + eps) · weight + bias} per row
 * ({@link Norm#layer}).
 *
 * @param weight the gain
 * @param bias the bias
 * @param eps added to the variance
 */
record LayerNorm(float[] weight, float[] bias, double eps) {
    /** @return the normalised rows of {@code x}, a new array ({@code x} is not modified) */
    float[] apply(float[] x) {
        return Norm.layer(x, weight, bias, eps);
    }
}
