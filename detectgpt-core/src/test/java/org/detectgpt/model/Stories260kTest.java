package org.detectgpt.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * stories260K, a real pretrained llama2.c checkpoint, against the float64 reference that
 * reproduces run.c's greedy output byte for byte: log-probabilities and entropies within
 * {@value #TOL} (fp32), ranks and the 64-step greedy continuation exact.
 */
class Stories260kTest {
    static final double TOL = 1e-4;
    static CausalLm lm;
    static JsonNode golden;

    @BeforeAll
    static void load() throws Exception {
        lm = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
        golden = Fixtures.json("stories260K/golden_reference.json");
    }

    @Test
    void perTokenStatisticsMatchGolden() {
        for (JsonNode c : golden.get("cases")) {
            int[] ids = Fixtures.ints(c.get("ids"));
            assertArrayEquals(ids, lm.tokenizer().encodeIds(c.get("text").asText()));
            TokenStatistics s = TokenScorer.score(lm, ids);
            assertArrayEquals(Fixtures.doubles(c.get("token_logprobs")), s.logprob(), TOL);
            assertArrayEquals(Fixtures.ints(c.get("ranks")), s.rank());
            assertArrayEquals(Fixtures.doubles(c.get("entropies")), s.entropy(), TOL);
            double mean = Arrays.stream(s.logprob()).average().orElseThrow();
            assertEquals(c.get("mean_logprob").asDouble(), mean, TOL);
        }
    }

    @Test
    void greedyContinuationMatchesRunC() {
        JsonNode g = golden.get("greedy");
        int[] expected = Fixtures.ints(g.get("ids"));
        int[] prompt = lm.tokenizer().encodeIds(g.get("prompt").asText());
        // run.c's "steps" counts positions: the output is BOS + steps tokens, the prompt included
        int[] out = Generation.greedy(lm, prompt, g.get("steps").asInt() + 1 - prompt.length);
        assertArrayEquals(expected, out);
        assertEquals(g.get("text").asText(), lm.tokenizer().decode(out));
    }

    @Test
    void infoNamesTheCheckpoint() {
        assertEquals("llama2c", lm.info().architecture());
        assertEquals("stories260K.bin", lm.info().name());
        assertEquals(512, lm.vocabSize());
        assertEquals(512, lm.contextLength());
    }
}
