package org.detectgpt.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A stacked {@link Linear} gives each part what the part's own layer gives, bias included. */
class LinearTest {
    @Test
    void stackedPartsEqualTheSeparateLayersInFp32AndPacked() {
        Random r = new Random(5);
        int in = 24;
        int[] outs = {16, 8, 8};
        float[][] ws = new float[outs.length][];
        float[][] bs = new float[outs.length][];
        for (int i = 0; i < outs.length; i++) {
            ws[i] = bf16(r, outs[i] * in);
            bs[i] = bf16(r, outs[i]);
        }
        int rows = 7;
        float[] x = bf16(r, rows * in);
        for (Half.Format f : new Half.Format[] {null, Half.Format.BF16}) {
            Linear stacked = Linear.stacked(ws, bs, in, outs, f);
            float[][] parts = {new float[rows * 16], new float[rows * 8], new float[rows * 8]};
            stacked.applySplitInto(x, rows, parts);
            for (int i = 0; i < outs.length; i++) {
                float[] alone = Linear.fromOutIn(ws[i], bs[i], in, outs[i]).apply(x, rows);
                assertArrayEquals(alone, parts[i], 1e-5f, "part " + i + ", " + f);
            }
            assertThrows(IllegalArgumentException.class,
                () -> stacked.applySplitInto(x, rows, new float[][] {new float[rows * 16], new float[rows * 8]}));
        }
        assertThrows(IllegalArgumentException.class,
            () -> Linear.stacked(ws, new float[][] {bs[0], null, bs[2]}, in, outs, null));
    }

    private static float[] bf16(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Half.bf16ToFloat((short) (Float.floatToIntBits((float) r.nextGaussian()) >>> 16));
        }
        return v;
    }
}
