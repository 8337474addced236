package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped verdicts keep their stated error rates on held-out texts (issue 17): at the
 * defaults (F = 1 %, M = 5 %) at most F + 1 % of human texts are called likely-machine and at
 * most M + 2 % of machine texts likely-human, per language.
 */
class VerdictSharesTest {
    static Path sample(String name) throws URISyntaxException {
        return Path.of(VerdictSharesTest.class.getResource("/validation-sample/" + name).toURI());
    }

    @Test
    void shippedCalibrationKeepsItsErrorRatesOnHeldOutTexts() throws Exception {
        Cli c = Cli.run("eval", "--json", "--verdicts", sample("train-modern-en.jsonl"), sample("zh.jsonl"));
        assertEquals(0, c.status, c.toString());
        JsonNode v = new ObjectMapper().readTree(c.out).path("verdicts").path("datasets");
        assertEquals(2, v.size(), c.out);
        for (JsonNode d : v) {
            assertTrue(d.path("human").asInt() >= 80 && d.path("machine").asInt() >= 80, d.toString());
            assertTrue(d.path("human_as_machine").asDouble() <= 0.01 + 0.01, d.toString());
            assertTrue(d.path("machine_as_human").asDouble() <= 0.05 + 0.02, d.toString());
            // and the detector is not silent: most machine texts are flagged, most human ones cleared
            assertTrue(d.path("machine_as_machine").asDouble() > 0.3, d.toString());
            assertTrue(d.path("auroc").asDouble() > 0.9, d.toString());
        }
    }
}
