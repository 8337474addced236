package org.detectgpt.model.nn;

/**
 * The two 16-bit float formats of checkpoints, as raw {@code short} bit patterns: IEEE 754
 * binary16 ({@code F16}: 5 exponent, 10 mantissa bits) and bfloat16 ({@code BF16}: the upper 16
 * bits of a binary32). Widening is exact; narrowing is offered only where it is exact (for values
 * that came from the same format), so keeping weights 16-bit never changes a result.
 */
public final class Half {
    /** The 16-bit formats. */
    public enum Format {
        /** IEEE 754 binary16. */
        F16,
        /** bfloat16. */
        BF16
    }

    /** Every binary16 value widened, indexed by its bits: a table lookup beats the bit juggling. */
    private static final float[] F16_TABLE = new float[1 << 16];

    static {
        for (int h = 0; h < F16_TABLE.length; h++) {
            F16_TABLE[h] = decodeF16(h);
        }
    }

    private Half() {}

    /** @return the binary16 value with bits {@code h}, as a float (exact, subnormals, ±∞ and NaN included) */
    public static float f16ToFloat(short h) {
        return F16_TABLE[h & 0xffff];
    }

    /** @return the bfloat16 value with bits {@code h}, as a float (exact) */
    public static float bf16ToFloat(short h) {
        return Float.intBitsToFloat((h & 0xffff) << 16);
    }

    /** @return {@code h} widened from {@code format} */
    public static float toFloat(Format format, short h) {
        return format == Format.BF16 ? bf16ToFloat(h) : f16ToFloat(h);
    }

    /**
     * @param format the target format
     * @param v a float
     * @return the bits of {@code v} in {@code format}, or −1 if {@code v} is not exactly
     *     representable there (NaN payloads are not preserved and count as inexact)
     */
    public static int exact(Format format, float v) {
        int bits = Float.floatToRawIntBits(v);
        int h = format == Format.BF16 ? bits >>> 16 : narrowF16(bits);
        return h >= 0 && Float.floatToRawIntBits(toFloat(format, (short) h)) == bits ? h : -1;
    }

    /** Truncating binary32 → binary16 bits, right for every value binary16 holds exactly; −1 if out of range. */
    private static int narrowF16(int bits) {
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return sign | 0x7c00 | (mant >>> 13);
        }
        int e = exp - 127 + 15;
        if (exp == 0 || e < -10) {
            return mant == 0 && exp == 0 ? sign : -1;
        }
        if (e >= 0x1f) {
            return -1;
        }
        if (e <= 0) {
            return sign | ((mant | 0x800000) >>> (14 - e));
        }
        return sign | (e << 10) | (mant >>> 13);
    }

    private static float decodeF16(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
