package org.detectgpt.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Token sampling: greedy, temperature, top-p, seeding; generation from a causal model. */
class SamplerTest {
    /** Logits of p = (0.1, 0.5, 0.3, 0.1). */
    static final float[] ROW = {(float) Math.log(0.1), (float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.1)};

    static double[] frequencies(Sampler s, float[] row, int n) {
        double[] f = new double[row.length];
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            f[s.sample(row, 0, row.length, rng)] += 1.0 / n;
        }
        return f;
    }

    @Test
    void greedyTakesTheLargestLogitAndTheLowestIdOnTies() {
        assertEquals(1, Sampler.greedy().sample(ROW, 0, 4, null));
        assertEquals(1, Sampler.greedy().sample(new float[] {9, 0, 3, 3, 1}, 1, 4, null));
    }

    @Test
    void temperatureOneSamplesTheDistribution() {
        assertArrayEquals(new double[] {0.1, 0.5, 0.3, 0.1}, frequencies(Sampler.defaults(), ROW, 40_000), 0.01);
    }

    @Test
    void temperatureSharpens() {
        // τ = 0.5 squares the probabilities: (0.01, 0.25, 0.09, 0.01) / 0.36
        double[] f = frequencies(Sampler.defaults().withTemperature(0.5), ROW, 40_000);
        assertArrayEquals(new double[] {0.01 / 0.36, 0.25 / 0.36, 0.09 / 0.36, 0.01 / 0.36}, f, 0.01);
    }

    @Test
    void topPKeepsTheSmallestNucleusReachingP() {
        // 0.5 < 0.6: the token that crosses (0.3) is kept; renormalised 0.625 / 0.375
        assertArrayEquals(new double[] {0, 0.625, 0.375, 0}, frequencies(Sampler.defaults().withTopP(0.6), ROW, 40_000),
            0.01);
        assertArrayEquals(new double[] {0, 1, 0, 0}, frequencies(Sampler.defaults().withTopP(0.5), ROW, 1000), 1e-9);
        // ties at the edge: the lower id first
        assertArrayEquals(new double[] {0.25, 0.5, 0.25, 0},
            frequencies(Sampler.defaults().withTopP(0.8), new float[] {1, (float) (1 + Math.log(2)), 1, 1}, 40_000),
            0.01);
    }

    @Test
    void sameSeedSameTokens() {
        Sampler s = Sampler.defaults().withTopP(0.9);
        int[] a = new int[50];
        int[] b = new int[50];
        SplittableRandom ra = new SplittableRandom(3);
        SplittableRandom rb = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            a[i] = s.sample(ROW, 0, 4, ra);
            b[i] = s.sample(ROW, 0, 4, rb);
        }
        assertArrayEquals(a, b);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Sampler.defaults().withTemperature(-1));
        assertThrows(IllegalArgumentException.class, () -> Sampler.defaults().withTopP(0));
        assertThrows(IllegalArgumentException.class, () -> Sampler.defaults().withTopP(1.5));
    }

    @Test
    void generatesFromACausalModelUntilTheStopToken() throws Exception {
        CausalLm lm = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
        int[] prompt = lm.tokenizer().encodeIds("Once upon a time");
        // greedy generation is the engine's greedy decoding
        int[] greedy = Sampler.greedy().generate(lm, prompt, 20, t -> false, null);
        int[] expected = Generation.greedy(lm, prompt, 20);
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, prompt.length, expected.length), greedy);
        int[] a = Sampler.defaults().generate(lm, prompt, 30, t -> false, new SplittableRandom(5));
        assertArrayEquals(a, Sampler.defaults().generate(lm, prompt, 30, t -> false, new SplittableRandom(5)));
        int stop = a[10];
        int[] stopped = Sampler.defaults().generate(lm, prompt, 30, t -> t == stop, new SplittableRandom(5));
        assertTrue(stopped.length <= 11 && stopped[stopped.length - 1] == stop);
        assertEquals(0, Sampler.defaults().generate(lm, prompt, 0, t -> false, new SplittableRandom(5)).length);
    }
}
