package org.detectgpt.model.nn;

/**
 * {@code e^x} in float for the softmax inner loops, ~5× faster than {@code Math.exp}: Cephes'
 * {@code expf} (range reduction {@code x = k·ln 2 + r}, |r| ≤ ln2/2, degree-5 minimax polynomial),
 * relative error below 2e-7 over the normal range; 0 below −87.
 */
public final class FastExp {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUNDER = 0x1.8p23f;

    private FastExp() {}

    /**
     * @param x an argument ≤ 88
     * @return e^x to float precision
     */
    public static float exp(float x) {
        if (x < -87f) {
            return 0f;
        }
        // round to nearest by the 1.5·2^23 trick: Math.round(float) measured as the hot spot
        float k = (x * LOG2E + ROUNDER) - ROUNDER;
        float r = x - k * LN2_HI - k * LN2_LO;
        float z = r * r;
        float p = ((((1.9875691500E-4f * r + 1.3981999507E-3f) * r + 8.3334519073E-3f) * r
            + 4.1665795894E-2f) * r + 1.6666665459E-1f) * r + 5.0000001201E-1f;
        float e = p * z + r + 1f;
        return e * Float.intBitsToFloat(((int) k + 127) << 23);
    }
}
