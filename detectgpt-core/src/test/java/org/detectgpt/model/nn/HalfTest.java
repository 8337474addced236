package org.detectgpt.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** 16-bit conversions, exhaustively, and a packed {@link Linear} against an fp32 one. */
class HalfTest {
    @Test
    void everyF16AndBf16ValueRoundTripsExactly() {
        for (int h = 0; h < 1 << 16; h++) {
            for (Half.Format f : Half.Format.values()) {
                float v = Half.toFloat(f, (short) h);
                if (!Float.isNaN(v)) {
                    assertEquals(h, Half.exact(f, v), f + " bits " + Integer.toHexString(h));
                }
            }
        }
    }

    @Test
    void valuesTheFormatCannotHoldAreReportedInexact() {
        assertEquals(-1, Half.exact(Half.Format.F16, 1.0f + 0x1p-11f), "beyond f16's 10 mantissa bits");
        assertEquals(-1, Half.exact(Half.Format.F16, 70000f), "beyond f16's range");
        assertEquals(-1, Half.exact(Half.Format.F16, 0x1p-26f), "below f16's smallest subnormal");
        assertEquals(-1, Half.exact(Half.Format.BF16, 1.0f + 0x1p-8f), "beyond bf16's 7 mantissa bits");
        assertEquals(0x3c00, Half.exact(Half.Format.F16, 1.0f));
        assertEquals(0x0001, Half.exact(Half.Format.F16, 0x1p-24f));
    }

    @Test
    void packedLinearComputesWhatTheFp32OneDoes() {
        Random r = new Random(7);
        int in = 37;
        int out = 300_001 / in;
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = Half.bf16ToFloat((short) (Float.floatToIntBits((float) r.nextGaussian()) >>> 16));
        }
        float[] bias = new float[out];
        float[] x = new float[3 * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        Linear fp32 = Linear.fromOutIn(w, bias, in, out);
        Linear packed = Linear.fromOutIn(w, bias, in, out, Half.Format.BF16);
        assertEquals(Half.Format.BF16, packed.packedFormat());
        assertArrayEquals(fp32.apply(x, 3), packed.apply(x, 3), 1e-5f);
        assertArrayEquals(Linear.fromInOut(w, null, in, out).apply(x, 3),
            Linear.fromInOut(w, null, in, out, Half.Format.BF16).apply(x, 3), 1e-5f);
    }
}
