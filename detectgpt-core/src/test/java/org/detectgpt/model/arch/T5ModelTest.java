package org.detectgpt.model.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.Generation;
import org.detectgpt.model.HiddenStates;
import org.detectgpt.model.Sampler;
import org.detectgpt.model.load.Seq2SeqLoader;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * T5 against float64 references of transformers' semantics ({@code hf-tiny/t5-tiny}: original
 * T5, ReLU, tied head with d^-0.5; {@code hf-tiny/t5-v1_1-tiny}: BF16, gated-gelu, untied head,
 * d_kv·heads ≠ d_model, 3 decoder / 2 encoder layers, 16 buckets, max distance 20): encoder
 * output, teacher-forced log-probabilities and entropies within {@value #TOL}, ranks and the
 * 12-step greedy decode exact — through both the full teacher-forced pass and the cached
 * incremental decoder.
 */
class T5ModelTest {
    static final double TOL = 1e-4;

    static T5Model load(String name) throws ModelFormatException {
        return Seq2SeqLoader.load(Fixtures.path("hf-tiny/" + name));
    }

    static int[] concat(int[] a, int last) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"t5-tiny", "t5-v1_1-tiny"})
    void teacherForcedStatisticsMatchGolden(String name) throws Exception {
        T5Model t5 = load(name);
        JsonNode golden = Fixtures.json("hf-tiny/" + name + "/golden.json");
        for (JsonNode c : golden.get("cases")) {
            int[] enc = Fixtures.ints(c.get("encoder_ids"));
            int[] labels = Fixtures.ints(c.get("labels"));
            int[] dec = Fixtures.ints(c.get("decoder_input_ids"));
            String what = name + " / " + c.get("encoder_text").asText();
            assertArrayEquals(enc, t5.tokenizer().encodeIds(c.get("encoder_text").asText()), what + " source ids");
            assertArrayEquals(labels, t5.tokenizer().encodeIds(c.get("target_text").asText()), what + " target ids");
            T5Model.Encoded e = t5.encode(enc);
            double[] first8 = Fixtures.doubles(c.get("encoder_output_first_token_first8"));
            for (int i = 0; i < first8.length; i++) {
                assertEquals(first8[i], e.states()[i], TOL, what + " encoder output " + i);
            }
            TokenStatistics s = TokenScorer.score(t5.decoder(e), concat(dec, labels[labels.length - 1]));
            assertArrayEquals(labels, Arrays.copyOfRange(s.ids(), 1, s.ids().length));
            assertArrayEquals(Fixtures.doubles(c.get("token_logprobs")), s.logprob(), TOL, what + " logprobs");
            assertArrayEquals(Fixtures.ints(c.get("ranks")), s.rank(), what + " ranks");
            assertArrayEquals(Fixtures.doubles(c.get("entropies")), s.entropy(), TOL, what + " entropies");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"t5-tiny", "t5-v1_1-tiny"})
    void greedyDecodeMatchesGoldenWithAndWithoutCache(String name) throws Exception {
        T5Model t5 = load(name);
        JsonNode g = Fixtures.json("hf-tiny/" + name + "/golden.json").get("greedy");
        int[] expected = Fixtures.ints(g.get("decoder_ids"));
        int steps = g.get("steps").asInt();
        T5Model.Encoded e = t5.encode(Fixtures.ints(g.get("encoder_ids")));
        int[] full = Generation.greedy(t5.decoder(e), new int[] {t5.spec().decoderStart()}, steps);
        assertArrayEquals(expected, full, name + " greedy, full recompute");
        int[] cached = t5.sample(List.of(e), Sampler.greedy(), new int[] {-1}, steps,
            List.of(new SplittableRandom(1))).get(0);
        assertArrayEquals(Arrays.copyOfRange(expected, 1, expected.length), cached, name + " greedy, cached");
    }

    /** Every step of the cached, batched decoder gives the logits of the full pass. */
    @ParameterizedTest
    @ValueSource(strings = {"t5-tiny", "t5-v1_1-tiny"})
    void cachedBatchedStepsMatchTeacherForcing(String name) throws Exception {
        T5Model t5 = load(name);
        JsonNode cases = Fixtures.json("hf-tiny/" + name + "/golden.json").get("cases");
        List<T5Model.Encoded> sources = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (JsonNode c : cases) {
            sources.add(t5.encode(Fixtures.ints(c.get("encoder_ids"))));
            targets.add(Arrays.copyOf(Fixtures.ints(c.get("decoder_input_ids")), 5));
        }
        int v = t5.vocabSize();
        float[][] full = new float[sources.size()][];
        for (int s = 0; s < sources.size(); s++) {
            CausalLm d = t5.decoder(sources.get(s));
            HiddenStates h = d.forward(targets.get(s));
            full[s] = new float[5 * v];
            d.logits(h, 0, 5, full[s]);
        }
        T5Decoding state = t5.startDecoding(sources);
        for (int step = 0; step < 5; step++) {
            if (step == 3) { // drop the middle sequence: the others keep their caches
                state.retain(new int[] {0, 2});
            }
            int[] which = step >= 3 ? new int[] {0, 2} : new int[] {0, 1, 2};
            int[] tokens = new int[which.length];
            for (int r = 0; r < which.length; r++) {
                tokens[r] = targets.get(which[r])[step];
            }
            float[] logits = state.step(tokens);
            for (int r = 0; r < which.length; r++) {
                for (int j = 0; j < v; j++) {
                    assertEquals(full[which[r]][step * v + j], logits[r * v + j], 1e-4,
                        name + " step " + step + " seq " + which[r] + " logit " + j);
                }
            }
        }
        assertEquals(5, state.length());
        assertEquals(2, state.size());
    }

    @Test
    void sampledTargetsDependOnTheSeedOnlyAndStopAtTheStopId() throws Exception {
        T5Model t5 = load("t5-tiny");
        int[] src = t5.tokenizer().encodeIds("<extra_id_0> a good text <extra_id_1>");
        List<T5Model.Encoded> batch = List.of(t5.encode(src), t5.encode(src), t5.encode(src));
        Sampler s = Sampler.defaults().withTopP(0.9);
        List<int[]> a = t5.sample(batch, s, new int[] {-1, -1, -1}, 20,
            List.of(new SplittableRandom(1), new SplittableRandom(2), new SplittableRandom(1)));
        assertArrayEquals(a.get(0), a.get(2), "same seed, same target, whatever the batch");
        assertFalse(Arrays.equals(a.get(0), a.get(1)));
        List<int[]> alone = t5.sample(List.of(batch.get(0)), s, new int[] {-1}, 20, List.of(new SplittableRandom(2)));
        assertArrayEquals(a.get(1), alone.get(0));
        int stop = a.get(0)[2];
        int[] stopped = t5.sample(List.of(batch.get(0)), s, new int[] {stop}, 20, List.of(new SplittableRandom(1)))
            .get(0);
        int at = 0;
        while (a.get(0)[at] != stop) {
            at++;
        }
        assertArrayEquals(Arrays.copyOf(a.get(0), at + 1), stopped);
    }

    @Test
    void sentinelsTokenizeToTheirIds() throws Exception {
        T5Model t5 = load("t5-tiny");
        for (int n = 0; n < 20; n++) {
            assertEquals(136 - n, t5.tokenizer().tokenToId("<extra_id_" + n + ">").orElseThrow());
        }
        assertTrue(t5.tokenizer().tokenToId("<extra_id_20>").isEmpty());
        JsonNode cases = Fixtures.json("hf-tiny/tokenization-cases.json");
        for (String group : List.of("t5", "t5_target")) {
            for (JsonNode c : cases.get(group)) {
                assertArrayEquals(Fixtures.ints(c.get("ids")), t5.tokenizer().encodeIds(c.get("text").asText()),
                    group + ": " + c.get("text").asText());
            }
        }
        // a sentinel glued to words still comes out whole
        assertArrayEquals(new int[] {136, 4, 135, 1}, t5.tokenizer().encodeIds("<extra_id_0> the<extra_id_1>"));
    }

    @Test
    void bucketsFollowTransformers() {
        // bidirectional, 32 buckets, max distance 128: exact below 8, log-spaced above, + 16 if k > q
        assertEquals(0, T5RelativeBias.bucket(0, true, 32, 128));
        assertEquals(7, T5RelativeBias.bucket(-7, true, 32, 128));
        assertEquals(16 + 7, T5RelativeBias.bucket(7, true, 32, 128));
        assertEquals(8, T5RelativeBias.bucket(-8, true, 32, 128));
        assertEquals(10, T5RelativeBias.bucket(-16, true, 32, 128));
        assertEquals(15, T5RelativeBias.bucket(-1000, true, 32, 128));
        assertEquals(31, T5RelativeBias.bucket(1000, true, 32, 128));
        // causal: future keys share bucket 0, past ones count back
        assertEquals(0, T5RelativeBias.bucket(5, false, 32, 128));
        assertEquals(15, T5RelativeBias.bucket(-15, false, 32, 128));
        assertEquals(16, T5RelativeBias.bucket(-16, false, 32, 128));
        assertEquals(31, T5RelativeBias.bucket(-1000, false, 32, 128));
    }

    @Test
    void badFoldersGiveOneLineMessagesNamingTheFile(@TempDir Path dir) throws Exception {
        ModelFormatException e = assertThrows(ModelFormatException.class,
            () -> Seq2SeqLoader.load(Fixtures.path("hf-tiny/gpt2-tiny")));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("gpt2"), e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> Seq2SeqLoader.load(dir.resolve("none")));
        assertTrue(e.getMessage().startsWith(dir.resolve("none").toString()), e.getMessage());
        Path t5 = Fixtures.path("hf-tiny/t5-tiny");
        Files.copy(t5.resolve("config.json"), dir.resolve("config.json"));
        e = assertThrows(ModelFormatException.class, () -> Seq2SeqLoader.load(dir));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
        Files.copy(t5.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        e = assertThrows(ModelFormatException.class, () -> Seq2SeqLoader.load(dir));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
        Files.copy(Fixtures.path("hf-tiny/t5-v1_1-tiny/model.safetensors"), dir.resolve("model.safetensors"));
        e = assertThrows(ModelFormatException.class, () -> Seq2SeqLoader.load(dir));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("shape"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
