package org.detectgpt.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.HiddenStates;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TokenScorer}'s windows for sequences longer than the context, checked against the rule
 * its javadoc states, with expected values computed independently: {@link CausalLm#forward} on
 * the window the rule names, {@link CausalLm#logits}, and a log-softmax in double written here.
 */
class WindowingTest {
    /**
     * The scorer sums float exponentials (FastExp, relative error below 2e-7) in double; this
     * reference sums Math.exp: they agree to ~1e-8 nats. A window shifted by one token moves the
     * scores by far more (checked below).
     */
    static final double TOL = 1e-6;

    static CausalLm load(String name) throws Exception {
        return ModelLoader.load(Fixtures.path("hf-tiny/" + name));
    }

    static int[] randomIds(CausalLm lm, int length, long seed) {
        int v = Math.min(lm.vocabSize(), lm.tokenizer().vocabSize());
        Random r = new Random(seed);
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = r.nextInt(v);
        }
        return ids;
    }

    /**
     * The javadoc's rule, restated: the first window is ids[0, C) and scores every position it
     * holds (positions 0 … C − 2); each further window starts ⌊C/2⌋ tokens before the first
     * position not yet scored and scores from there to its end.
     *
     * @return the start of the window that scores position {@code pos} of a sequence of
     *     {@code length} ids
     */
    static int windowStart(int pos, int length, int c) {
        int start = 0;
        int end = Math.min(length, c);
        while (pos >= end - 1) { // positions [.., end - 1) are scored so far
            int firstUnscored = end - 1;
            start = firstUnscored - c / 2;
            end = Math.min(length, start + c);
        }
        return start;
    }

    /** Independent per-position statistics of one logits row, in double. */
    record Expected(double logprob, int rank, double entropy, double mu, double variance) {}

    static Expected reference(float[] row, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : row) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : row) {
            sum += Math.exp(l - max);
        }
        double logZ = max + Math.log(sum);
        double mu = 0;
        double second = 0;
        int above = 0;
        for (float l : row) {
            double lp = l - logZ;
            double p = Math.exp(lp);
            mu += p * lp;
            second += p * lp * lp;
            if (l > row[target]) {
                above++;
            }
        }
        return new Expected(row[target] - logZ, above + 1, -mu, mu, second - mu * mu);
    }

    /**
     * Expected statistics of every position, each from the window the rule assigns it. The logits
     * of a window are computed for exactly the rows the rule says it scores, as one block: a BLAS
     * product may round a row differently depending on how many rows it computes at once (fp32,
     * about 1e-7), which is not what this test is about.
     */
    static Expected[] expectedByRule(CausalLm lm, int[] ids) {
        int c = lm.contextLength();
        int v = lm.vocabSize();
        Expected[] out = new Expected[ids.length - 1];
        int pos = 0;
        while (pos < out.length) {
            int w = windowStart(pos, ids.length, c);
            int end = Math.min(ids.length, w + c);
            int lastPos = end - 2; // the window scores pos … lastPos
            for (int p = pos; p <= lastPos; p++) {
                assertEquals(w, windowStart(p, ids.length, c), "a window scores a contiguous run");
            }
            if (end < ids.length) {
                assertTrue(windowStart(lastPos + 1, ids.length, c) > w, "the next window starts later");
            }
            HiddenStates h = lm.forward(Arrays.copyOfRange(ids, w, end));
            int rows = lastPos + 1 - pos;
            float[] logits = new float[rows * v];
            lm.logits(h, pos - w, lastPos + 1 - w, logits);
            for (int r = 0; r < rows; r++) {
                out[pos + r] = reference(Arrays.copyOfRange(logits, r * v, (r + 1) * v), ids[pos + r + 1]);
            }
            pos = lastPos + 1;
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2-tiny", "gpt2-tiny"})
    void longSequenceHasOneFiniteScorePerPosition(String name) throws Exception {
        CausalLm lm = load(name);
        assertEquals(128, lm.contextLength(), "context from the config");
        int[] ids = randomIds(lm, 300, 1);
        TokenStatistics s = TokenScorer.score(lm, ids);
        assertEquals(299, s.size());
        assertArrayEquals(ids, s.ids());
        double[][] columns = {s.logprob(), s.entropy(), s.expectedLogprob(), s.varianceLogprob()};
        for (double[] col : columns) {
            assertEquals(299, col.length);
            for (int i = 0; i < col.length; i++) {
                assertTrue(Double.isFinite(col[i]), "position " + i + " is " + col[i]);
            }
        }
        for (int i = 0; i < s.size(); i++) {
            assertTrue(s.logprob()[i] <= 0, "log p > 0 at " + i);
            assertTrue(s.rank()[i] >= 1 && s.rank()[i] <= lm.vocabSize(), "rank at " + i);
            assertTrue(s.varianceLogprob()[i] >= 0, "variance at " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2-tiny", "gpt2-tiny"})
    void firstWindowEqualsSinglePass(String name) throws Exception {
        CausalLm lm = load(name);
        int c = lm.contextLength();
        int[] ids = randomIds(lm, 300, 2);
        TokenStatistics whole = TokenScorer.score(lm, ids);
        TokenStatistics single = TokenScorer.score(lm, Arrays.copyOf(ids, c));
        assertEquals(c - 1, single.size());
        TokenStatistics head = whole.slice(0, c - 1);
        // the same forward pass and the same block of logits rows: bit-for-bit equal
        assertArrayEquals(single.logprob(), head.logprob(), 0.0);
        assertArrayEquals(single.rank(), head.rank());
        assertArrayEquals(single.entropy(), head.entropy(), 0.0);
        assertArrayEquals(single.expectedLogprob(), head.expectedLogprob(), 0.0);
        assertArrayEquals(single.varianceLogprob(), head.varianceLogprob(), 0.0);
    }

    /**
     * Every position of sequences of many lengths (shorter than, equal to, just over, and several
     * times the context) matches the model run directly on the window the rule assigns it.
     */
    @ParameterizedTest(name = "{0}, {1} ids")
    @CsvSource({
        "qwen2-tiny, 2", "qwen2-tiny, 127", "qwen2-tiny, 128", "qwen2-tiny, 129", "qwen2-tiny, 130",
        "qwen2-tiny, 192", "qwen2-tiny, 193", "qwen2-tiny, 255", "qwen2-tiny, 256", "qwen2-tiny, 300",
        "qwen2-tiny, 517", "gpt2-tiny, 129", "gpt2-tiny, 300",
    })
    void everyPositionIsScoredByTheDocumentedWindow(String name, int length) throws Exception {
        CausalLm lm = load(name);
        int c = lm.contextLength();
        int[] ids = randomIds(lm, length, length);
        TokenStatistics s = TokenScorer.score(lm, ids);
        assertEquals(length - 1, s.size());
        Expected[] want = expectedByRule(lm, ids);
        for (int pos = 0; pos < s.size(); pos++) {
            String at = name + " position " + pos + " of " + s.size() + " (window start "
                + windowStart(pos, length, c) + ")";
            assertEquals(want[pos].logprob(), s.logprob()[pos], TOL, at + " log p");
            assertEquals(want[pos].rank(), s.rank()[pos], at + " rank");
            assertEquals(want[pos].entropy(), s.entropy()[pos], TOL, at + " entropy");
            assertEquals(want[pos].mu(), s.expectedLogprob()[pos], TOL, at + " mu");
            // relative: float lanes sum a row's weights with ~1e-7 relative error (model.nn.Simd)
            assertEquals(want[pos].variance(), s.varianceLogprob()[pos], TOL * Math.max(1, want[pos].variance()),
                at + " variance");
            if (pos >= c - 1) {
                assertTrue(pos - windowStart(pos, length, c) >= c / 2, at + ": less than C/2 left context");
            }
        }
    }

    /** For 300 ids and C = 128 the rule gives windows starting at 0, 63, 126 and 189. */
    @ParameterizedTest
    @ValueSource(ints = {0, 126, 127, 150, 189, 190, 252, 253, 298})
    void ruleGivesTheExpectedWindowsFor300Ids(int pos) throws Exception {
        int w = pos <= 126 ? 0 : pos <= 189 ? 63 : pos <= 252 ? 126 : 189;
        assertEquals(w, windowStart(pos, 300, 128));
        // and the check is sensitive: a window shifted by one token gives another score
        CausalLm lm = load("qwen2-tiny");
        int[] ids = randomIds(lm, 300, 3);
        double got = TokenScorer.score(lm, ids).logprob()[pos];
        // one row alone: fp32 rounding of the head may differ from a block's, hence 1e-5
        assertEquals(scoreFrom(lm, ids, w, pos), got, 1e-5);
        if (w > 0) {
            assertTrue(Math.abs(scoreFrom(lm, ids, w - 1, pos) - got) > 1e-3
                && Math.abs(scoreFrom(lm, ids, w + 1, pos) - got) > 1e-3,
                "the model is insensitive to the window start; the test could not tell windows apart");
        }
    }

    private static double scoreFrom(CausalLm lm, int[] ids, int start, int pos) {
        int[] window = Arrays.copyOfRange(ids, start, Math.min(ids.length, start + lm.contextLength()));
        HiddenStates h = lm.forward(window);
        float[] row = new float[lm.vocabSize()];
        lm.logits(h, pos - start, pos - start + 1, row);
        return reference(row, ids[pos + 1]).logprob();
    }

    /**
     * With the same model as p and q, the cross statistics (a separate code path) equal the
     * plain ones: Σ p log p = μ and Σ p (log p)² − μ² = σ².
     */
    @ParameterizedTest
    @CsvSource({"qwen2-tiny, 100", "qwen2-tiny, 300", "gpt2-tiny, 300"})
    void crossStatisticsWithTheSameModelEqualThePlainOnes(String name, int length) throws Exception {
        CausalLm lm = load(name);
        CausalLm twin = load(name);
        int[] ids = randomIds(lm, length, 4);
        TokenStatistics plain = TokenScorer.score(lm, ids);
        for (CausalLm q : new CausalLm[] {lm, twin}) {
            TokenStatistics cross = TokenScorer.score(lm, q, ids);
            assertTrue(cross.hasCross());
            assertArrayEquals(plain.logprob(), cross.logprob(), TOL);
            assertArrayEquals(plain.rank(), cross.rank());
            assertArrayEquals(plain.expectedLogprob(), cross.expectedLogprob(), TOL);
            assertArrayEquals(cross.expectedLogprob(), cross.crossExpectedLogprob().orElseThrow(), TOL,
                "cross mu = mu");
            assertArrayEquals(cross.varianceLogprob(), cross.crossVarianceLogprob().orElseThrow(), TOL,
                "cross variance = variance");
            assertArrayEquals(cross.logprob(), cross.samplingLogprob().orElseThrow(), TOL,
                "log q(y) = log p(y)");
        }
        assertTrue(plain.crossExpectedLogprob().isEmpty());
        assertTrue(plain.samplingLogprob().isEmpty());
        assertTrue(!plain.hasCross());
    }

    /**
     * With another model as q (same vocabulary and context, so the same windows), log q(y) is
     * what q scores the text alone — a different code path (the sampling row's reduction) from
     * the one checked against the double reference above.
     */
    @ParameterizedTest
    @CsvSource({"qwen2-tiny, gpt2-tiny, 100", "qwen2-tiny, gpt2-tiny, 300", "llama-tiny, opt-tiny, 300"})
    void samplingLogprobIsTheSamplingModelsOwnLogprob(String pName, String qName, int length) throws Exception {
        CausalLm p = load(pName);
        CausalLm q = load(qName);
        int[] ids = randomIds(p, length, 11);
        double[] expected = TokenScorer.score(q, ids).logprob();
        TokenStatistics pair = TokenScorer.score(p, q, ids);
        assertArrayEquals(expected, pair.samplingLogprob().orElseThrow(), TOL);
        assertArrayEquals(TokenScorer.score(p, ids).logprob(), pair.logprob(), TOL);
        double gap = 0;
        for (int i = 0; i < expected.length; i++) {
            gap = Math.max(gap, Math.abs(expected[i] - pair.logprob()[i]));
        }
        assertTrue(gap > 1e-3, "the two models differ, so the check could fail: " + gap);
    }

    /**
     * Batched scoring: sequences of many lengths (within one window, and over several), their
     * windows packed many to a pass and over more than one pack, give the statistics of scoring
     * each alone, within 1e-4 (float rounding of the products over more rows); with a sampling
     * model too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"llama-tiny", "gpt2-tiny", "mistral-tiny"})
    void batchedScoringEqualsOneByOne(String name) throws Exception {
        CausalLm lm = load(name);
        CausalLm q = load("llama-tiny");
        java.util.List<int[]> batch = new java.util.ArrayList<>();
        int rows = 0;
        for (int i = 0; rows <= 2 * TokenScorer.PACK_ROWS; i++) {
            int len = 2 + (i * 37) % 300;
            batch.add(randomIds(lm, len, 100 + i));
            rows += len;
        }
        java.util.List<TokenStatistics> all = TokenScorer.scoreAll(lm, null, batch);
        java.util.List<TokenStatistics> cross = TokenScorer.scoreAll(lm, q, batch);
        assertEquals(batch.size(), all.size());
        for (int i = 0; i < batch.size(); i++) {
            TokenStatistics one = TokenScorer.score(lm, batch.get(i));
            String what = name + " sequence " + i + " of " + batch.get(i).length;
            assertArrayEquals(batch.get(i), all.get(i).ids(), what);
            assertArrayEquals(one.logprob(), all.get(i).logprob(), 1e-4, what);
            assertArrayEquals(one.entropy(), all.get(i).entropy(), 1e-4, what);
            assertArrayEquals(one.expectedLogprob(), all.get(i).expectedLogprob(), 1e-4, what);
            assertArrayEquals(one.varianceLogprob(), all.get(i).varianceLogprob(), 1e-4, what);
            // ranks count logits above the target's: ties within float rounding may shift by a place or two
            for (int j = 0; j < one.rank().length; j++) {
                assertTrue(Math.abs(one.rank()[j] - all.get(i).rank()[j]) <= 2, what + " rank at " + j);
            }
            TokenStatistics oneCross = TokenScorer.score(lm, q, batch.get(i));
            assertArrayEquals(oneCross.crossExpectedLogprob().orElseThrow(),
                cross.get(i).crossExpectedLogprob().orElseThrow(), 1e-4, what);
            assertArrayEquals(oneCross.crossVarianceLogprob().orElseThrow(),
                cross.get(i).crossVarianceLogprob().orElseThrow(), 1e-4, what);
            assertArrayEquals(oneCross.samplingLogprob().orElseThrow(),
                cross.get(i).samplingLogprob().orElseThrow(), 1e-4, what);
        }
    }
}
