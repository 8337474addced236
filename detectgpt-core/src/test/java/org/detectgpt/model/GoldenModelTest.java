package org.detectgpt.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine against independent float64 references of transformers' semantics
 * ({@code fixtures/hf-tiny/NAME/golden.json}): fp32 computation, so log-probabilities, entropies
 * and μ within {@value #TOL}, σ² within {@value #VAR_TOL}, ranks and greedy ids exact; with fp32
 * weights, and with the 16-bit checkpoints' matrices kept as stored ({@link WeightStorage#STORED}).
 */
class GoldenModelTest {
    static final double TOL = 1e-4;
    static final double VAR_TOL = 1e-3;

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-tiny", "llama-tiny", "llama3-tiny", "qwen2-tiny", "mistral-tiny", "gpt-neo-tiny",
        "gptj-tiny", "gpt-neox-tiny", "opt-tiny", "falcon-tiny"})
    void perTokenStatisticsMatchGolden(String name) throws Exception {
        check(name, WeightStorage.FP32);
    }

    /** The BF16 (falcon, llama) and F16 (gpt2, gptj, gpt-neox, opt) fixtures with packed matrices. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt2-tiny", "llama-tiny", "gptj-tiny", "gpt-neox-tiny", "opt-tiny", "falcon-tiny"})
    void sixteenBitWeightsKeptAsStoredMatchGolden(String name) throws Exception {
        check(name, WeightStorage.STORED);
    }

    private static void check(String name, WeightStorage storage) throws Exception {
        CausalLm lm = ModelLoader.load(Fixtures.path("hf-tiny/" + name), null, storage);
        JsonNode golden = Fixtures.json("hf-tiny/" + name + "/golden.json");
        for (JsonNode c : golden.get("cases")) {
            int[] ids = Fixtures.ints(c.get("ids"));
            assertArrayEquals(ids, lm.tokenizer().encodeIds(c.get("text").asText()), name + " tokenization");
            TokenStatistics s = TokenScorer.score(lm, ids);
            String what = name + " / " + c.get("text").asText();
            assertArrayEquals(Fixtures.doubles(c.get("token_logprobs")), s.logprob(), TOL, what + " logprobs");
            assertArrayEquals(Fixtures.ints(c.get("ranks")), s.rank(), what + " ranks");
            assertArrayEquals(Fixtures.doubles(c.get("entropies")), s.entropy(), TOL, what + " entropies");
            assertArrayEquals(Fixtures.doubles(c.get("expected_logprob")), s.expectedLogprob(), TOL, what + " mu");
            assertArrayEquals(Fixtures.doubles(c.get("variance_logprob")), s.varianceLogprob(), VAR_TOL,
                what + " sigma2");
            HiddenStates h = lm.forward(ids);
            float[] last = new float[lm.vocabSize()];
            lm.logits(h, ids.length - 1, ids.length, last);
            double[] first8 = Fixtures.doubles(c.get("last_logits_first8"));
            for (int i = 0; i < first8.length; i++) {
                assertEquals(first8[i], last[i], TOL, what + " last logits[" + i + "]");
            }
        }
        JsonNode g = golden.get("greedy");
        int[] prompt = Fixtures.ints(g.get("prompt_ids"));
        assertArrayEquals(Fixtures.ints(g.get("ids")), Generation.greedy(lm, prompt, g.get("steps").asInt()),
            name + " greedy");
    }
}
