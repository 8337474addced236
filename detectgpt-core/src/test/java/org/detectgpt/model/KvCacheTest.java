package org.detectgpt.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.tokenize.Tokenizer;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key/value cache against the recompute path: for the same seed, cached sampling draws
 * exactly the tokens that running the whole sequence at every step draws (the engine's path
 * before the cache, copied below as {@link #recomputeGenerate}), and the log-probability of every
 * token read through the cache is within {@value #TOL} of the full pass's; on the hf-tiny fixture
 * of every decoder architecture (context 128, so the overflow past the context is exercised;
 * Mistral's and GPT-Neo's 8-position windows too) and on stories260K.
 */
class KvCacheTest {
    static final double TOL = 1e-4;

    static final String[] ARCHITECTURES = {"gpt2-tiny", "llama-tiny", "llama3-tiny", "qwen2-tiny", "mistral-tiny",
        "gpt-neo-tiny", "gptj-tiny", "gpt-neox-tiny", "opt-tiny", "falcon-tiny"};

    static CausalLm load(String name) throws Exception {
        return name.equals("stories260K") ? ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"))
            : ModelLoader.load(Fixtures.path("hf-tiny/" + name));
    }

    /** Sampler.generate as it was before the cache: the whole (last-context) sequence at every step. */
    static int[] recomputeGenerate(Sampler s, CausalLm lm, int[] prompt, int maxNewTokens, RandomGenerator rng) {
        int[] seq = Arrays.copyOf(prompt, prompt.length + maxNewTokens);
        int len = prompt.length;
        float[] row = new float[lm.vocabSize()];
        while (len < seq.length) {
            int from = Math.max(0, len - lm.contextLength());
            HiddenStates h = lm.forward(Arrays.copyOfRange(seq, from, len));
            lm.logits(h, h.rows() - 1, h.rows(), row);
            seq[len++] = s.sample(row, 0, lm.vocabSize(), rng);
        }
        return Arrays.copyOfRange(seq, prompt.length, len);
    }

    static int[] prompt(CausalLm lm) {
        Tokenizer tok = lm.tokenizer();
        int[] ids = tok.encodeIds("Once upon a time there was a little cat who liked");
        if (tok.bosId().isPresent() && (ids.length == 0 || ids[0] != tok.bosId().getAsInt())) {
            int[] b = new int[ids.length + 1];
            b[0] = tok.bosId().getAsInt();
            System.arraycopy(ids, 0, b, 1, ids.length);
            ids = b;
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-tiny", "llama-tiny", "llama3-tiny", "qwen2-tiny", "mistral-tiny", "gpt-neo-tiny",
        "gptj-tiny", "gpt-neox-tiny", "opt-tiny", "falcon-tiny", "stories260K"})
    void cachedSamplingDrawsTheRecomputedTokens(String name) throws Exception {
        CausalLm lm = load(name);
        int[] prompt = prompt(lm);
        // past the context for the hf-tiny models (128): the last steps run shifted windows
        int n = Math.min(lm.contextLength() + 20 - prompt.length, 150);
        List<SplittableRandom> rngs = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            Sampler s = seed == 2 ? Sampler.defaults().withTopP(0.9) : Sampler.defaults();
            int[] expected = recomputeGenerate(s, lm, prompt, n, new SplittableRandom(seed));
            assertEquals(n, expected.length);
            assertArrayEquals(expected, s.generate(lm, prompt, n, t -> false, new SplittableRandom(seed)),
                name + " seed " + seed);
            rngs.add(new SplittableRandom(seed));
        }
        // in lockstep, each continuation as if alone
        List<int[]> all = Sampler.defaults().generateAll(lm, prompt, 40, t -> false, rngs.subList(0, 2));
        for (int seed = 0; seed < 2; seed++) {
            assertArrayEquals(recomputeGenerate(Sampler.defaults(), lm, prompt, 40, new SplittableRandom(seed)),
                all.get(seed), name + " lockstep seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-tiny", "llama-tiny", "llama3-tiny", "qwen2-tiny", "mistral-tiny", "gpt-neo-tiny",
        "gptj-tiny", "gpt-neox-tiny", "opt-tiny", "falcon-tiny", "stories260K"})
    void cachedLogprobsMatchTheFullPass(String name) throws Exception {
        CausalLm lm = load(name);
        int[] prompt = prompt(lm);
        int[] tail = Sampler.defaults().generate(lm, prompt, Math.min(100, lm.contextLength() - prompt.length),
            t -> false, new SplittableRandom(7));
        int[] seq = Arrays.copyOf(prompt, prompt.length + tail.length);
        System.arraycopy(tail, 0, seq, prompt.length, tail.length);
        double[] expected = TokenScorer.score(lm, seq).logprob();
        // read the prompt in one append, then one token per append, then rewind and re-read in chunks
        Decoding d = lm.startDecoding();
        double[] got = new double[seq.length - 1];
        float[] row = new float[lm.vocabSize()];
        HiddenStates h = d.append(prompt);
        for (int i = 0; i < prompt.length; i++) {
            got[i] = rowLogprob(lm, h, i, row, seq[i + 1]);
        }
        for (int t = prompt.length; t < seq.length - 1; t++) {
            h = d.append(new int[] {seq[t]});
            got[t] = rowLogprob(lm, h, 0, row, seq[t + 1]);
        }
        assertArrayEquals(expected, got, TOL, name + " one token per append");
        int keep = prompt.length + 5;
        Decoding fork = d.copy();
        d.truncate(keep);
        assertEquals(keep, d.length());
        for (int t = keep; t < seq.length - 1; t += 7) {
            int to = Math.min(seq.length - 1, t + 7);
            h = d.append(Arrays.copyOfRange(seq, t, to));
            for (int i = t; i < to; i++) {
                assertEquals(expected[i], rowLogprob(lm, h, i - t, row, seq[i + 1]), TOL, name + " chunk at " + i);
            }
        }
        assertEquals(seq.length - 1, fork.length()); // the copy was not truncated with the original
        h = fork.append(new int[] {seq[seq.length - 1]});
        assertEquals(1, h.rows());
        assertThrows(IllegalArgumentException.class, () -> d.truncate(d.length() + 1));
    }

    @Test
    void appendingPastTheContextIsRefused() throws Exception {
        CausalLm lm = load("llama-tiny");
        Decoding d = lm.startDecoding();
        d.append(new int[lm.contextLength()]);
        assertThrows(IllegalArgumentException.class, () -> d.append(new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> lm.appendAll(List.of(d, d), List.of(new int[] {1},
            new int[] {1})));
    }

    /** Several sequences of different lengths in one packed pass: each as if run alone. */
    @Test
    void packedSequencesMatchOneByOne() throws Exception {
        for (String name : new String[] {"mistral-tiny", "gpt-neo-tiny", "opt-tiny", "gptj-tiny", "stories260K"}) {
            CausalLm lm = load(name);
            SplittableRandom r = new SplittableRandom(3);
            List<int[]> batch = new ArrayList<>();
            for (int len : new int[] {1, 17, 100, 3, lm.contextLength()}) {
                batch.add(r.ints(len, 0, lm.vocabSize()).toArray());
            }
            List<HiddenStates> packed = lm.forwardAll(batch);
            for (int b = 0; b < batch.size(); b++) {
                HiddenStates one = lm.forward(batch.get(b));
                HiddenStates p = packed.get(b);
                assertEquals(one.rows(), p.rows());
                float[] a = new float[one.rows() * lm.vocabSize()];
                float[] c = new float[one.rows() * lm.vocabSize()];
                lm.logits(one, 0, one.rows(), a);
                lm.logits(p, 0, p.rows(), c);
                assertArrayEquals(a, c, 1e-4f, name + " sequence " + b);
            }
        }
    }

    static double rowLogprob(CausalLm lm, HiddenStates h, int r, float[] row, int target) {
        lm.logits(h, r, r + 1, row);
        double max = Double.NEGATIVE_INFINITY;
        for (float x : row) {
            max = Math.max(max, x);
        }
        double z = 0;
        for (float x : row) {
            z += Math.exp(x - max);
        }
        assertTrue(z >= 1);
        return row[target] - max - Math.log(z);
    }
}
