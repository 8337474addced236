package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score and eval commands end to end, on the real stories260K checkpoint. */
class CliTest {
    static final String STORIES = Path.of("../detectgpt-core/src/test/resources/fixtures/stories260K/stories260K.bin")
        .toAbsolutePath().normalize().toString();
    static final String GPT2_TINY = Path.of("../detectgpt-core/src/test/resources/fixtures/hf-tiny/gpt2-tiny")
        .toAbsolutePath().normalize().toString();

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void scoreJsonCarriesCriterionScoreModelAndTokens() throws Exception {
        Run r = run("score", "--model", STORIES, "--criterion", "likelihood", "--json",
            "Once upon a time, there was a little girl named Lily. She loved to play outside.");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("likelihood", j.get("criterion").asText());
        assertEquals("stories260K.bin", j.get("model").asText());
        JsonNode tokens = j.get("tokens");
        assertEquals(j.get("n_tokens").asInt(), tokens.size());
        double sum = 0;
        for (JsonNode t : tokens) {
            assertTrue(t.get("id").isInt());
            assertTrue(t.get("rank").asInt() >= 1);
            assertTrue(t.get("logprob").asDouble() <= 0);
            assertTrue(t.get("entropy").asDouble() >= 0);
            sum += t.get("logprob").asDouble();
        }
        assertEquals(sum / tokens.size(), j.get("score").asDouble(), 1e-9, "likelihood is the mean log-prob");
    }

    /** Timing: load and scoring times, tokens; for detectgpt the fill and the perturbations' scoring apart. */
    @Test
    void scoreJsonReportsTiming() throws Exception {
        String text = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park"
            + " with her big red ball and her little dog.";
        Run plain = run("score", "--model", STORIES, "--criterion", "likelihood", "--json", text);
        JsonNode t = new ObjectMapper().readTree(plain.out()).get("timing");
        assertTrue(t.get("model_load_ms").asDouble() > 0 && t.get("scoring_ms").asDouble() > 0, t.toString());
        assertEquals(new ObjectMapper().readTree(plain.out()).get("n_tokens").asInt() + 1, t.get("tokens").asInt());
        assertFalse(t.has("fill_ms"), t.toString());
        Run r = run("score", "--model", STORIES, "--criterion", "detectgpt", "--perturbations", "3", "--json", text);
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        t = j.get("timing");
        double fill = t.get("fill_ms").asDouble();
        double scoring = t.get("perturbation_scoring_ms").asDouble();
        assertTrue(fill > 0 && scoring > 0, t.toString());
        assertTrue(fill + scoring <= t.get("scoring_ms").asDouble() + 0.2, "parts within the whole: " + t);
        int perturbed = t.get("perturbed_tokens").asInt();
        assertTrue(perturbed >= 3 * 10 && perturbed <= 3 * 2 * t.get("tokens").asInt(), t.toString());
    }

    /** The pair's criterion without its second model: one line naming the option and the bundled twin, before any model loads. */
    @Test
    void likelihoodRatioWithoutTheSecondModelIsAOneLineError(@TempDir Path dir) throws Exception {
        Path doc = Files.writeString(dir.resolve("a.txt"), "Tom and his dog went to the beach.");
        for (Run r : List.of(run("score", "-c", "likelihood-ratio", "Tom and his dog went to the beach."),
                run("scan", "-c", "likelihood-ratio", doc.toString()),
                run("eval", "-c", "likelihood,likelihood-ratio", doc.toString()))) {
            assertEquals(2, r.status(), r.err());
            assertEquals("detectgpt: likelihood-ratio needs --sampling-model, the human side of the pair (bundled: "
                + "detectgpt-en-human)", r.err().strip());
        }
        Run pair = run("score", "-c", "likelihood-ratio", "--sampling-model", "detectgpt-en-human", "--json",
            "Tom and his dog went to the beach. They played in the waves until the sun went down.");
        assertEquals(0, pair.status(), pair.err());
        JsonNode j = new ObjectMapper().readTree(pair.out());
        assertEquals("detectgpt-en", j.get("model").asText());
        assertEquals("detectgpt-en-human", j.get("sampling_model").get("name").asText());
        assertTrue(Math.abs(j.get("score").asDouble()) > 1e-4, j.toString());
    }

    @Test
    void scoreWithSamplingModelReportsBoth() throws Exception {
        Run r = run("score", "--model", STORIES, "--sampling-model", STORIES, "--json", "Tom and his dog went to the beach.");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("fast-detectgpt", j.get("criterion").asText());
        assertEquals("stories260K.bin", j.get("sampling_model").get("name").asText());
    }

    @Test
    void badModelIsOneLineError() {
        Run r = run("score", "--model", "/nonexistent/model", "hello world");
        assertEquals(Main.EXIT_INPUT_ERROR, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("/nonexistent/model"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void unknownCriterionIsUsageError() {
        Run r = run("score", "--model", STORIES, "--criterion", "nonsense", "hello world");
        assertEquals(Main.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("unknown criterion 'nonsense'"), r.err());
    }

    @Test
    void whitespaceOnlyTextIsOneLineError() {
        Run r = run("score", "--model", GPT2_TINY, " \n\t ");
        assertEquals(Main.EXIT_INPUT_ERROR, r.status());
        assertEquals("detectgpt: the text argument: no text in it", r.err().strip());
    }

    @Test
    void evalJsonReportsEveryDataSet(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("stories.jsonl");
        Files.write(jsonl, List.of(
            "{\"text\": \"Once upon a time, there was a little girl named Lily. She loved to play outside in the park.\", \"label\": 1}",
            "{\"text\": \"One day, a little boy named Tim went to the park with his mom. He saw a big red ball.\", \"label\": 1}",
            "{\"text\": \"The quarterly earnings report exceeded analyst expectations across all segments.\", \"label\": 0}",
            "{\"text\": \"Parliament adjourned after a lengthy debate on fiscal consolidation and tariffs.\", \"label\": 0}"));
        Path fdg = dir.resolve("pairs.raw_data.json");
        Files.writeString(fdg, "{\"original\": [\"The committee deferred its ruling on the zoning appeal.\","
            + " \"Shares fell sharply in early trading on Tuesday.\"], \"sampled\": [\"Once upon a time, there was a big dog.\","
            + " \"Lily and Tom played with the ball in the park.\"]}");
        Run r = run("eval", "--model", STORIES, "-c", "likelihood,logrank", "--json", jsonl.toString(), fdg.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("collapsed", j.get("whitespace").asText());
        JsonNode sets = j.get("datasets");
        assertEquals(4, sets.size());
        for (JsonNode d : sets) {
            assertEquals(2, d.get("n_human").asInt());
            assertEquals(2, d.get("n_machine").asInt());
            double auroc = d.get("auroc").asDouble();
            assertTrue(auroc >= 0 && auroc <= 1);
            assertTrue(d.has("tpr_at_1pct_fpr") && d.has("tpr_at_5pct_fpr") && d.has("name"));
        }
        JsonNode timing = j.get("timing");
        assertTrue(timing.get("model_load_ms").asDouble() > 0 && timing.get("scoring_ms").asDouble() > 0, timing.toString());
        assertEquals(sets.get(0).get("tokens").asLong() + sets.get(2).get("tokens").asLong(), timing.get("tokens").asLong(),
            "each data set's tokens counted once for its two criteria");
        assertTrue(sets.get(0).get("tokens").asLong() > 40, sets.get(0).toString());
        // children's stories are what stories260K knows: it must rank them as machine-like
        assertEquals(1.0, sets.get(0).get("auroc").asDouble(), 1e-12, sets.get(0).toString());
    }

    @Test
    void evalOfMissingDataSetIsOneLineError() {
        Run r = run("eval", "--model", STORIES, "/nonexistent/set.jsonl");
        assertEquals(Main.EXIT_INPUT_ERROR, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
