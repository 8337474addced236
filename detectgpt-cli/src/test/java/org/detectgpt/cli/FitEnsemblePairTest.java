package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.detectgpt.text.Whitespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit-ensemble --pair-features}: a head whose dense block ends with an aligned pair's
 * out-of-fold features, fitted from a feature table and then scoring with the pair (here a tiny
 * fixture model as both sides, so the ratio features are zero and the rest still scores).
 */
class FitEnsemblePairTest {
    private static final Path LLAMA = Path.of("../detectgpt-core/src/test/resources/fixtures/hf-tiny/llama-tiny")
        .toAbsolutePath();

    /** Labelled texts of three sources, and a feature table whose ratio is higher for machine texts. */
    private static void writeData(Path data, Path table, int skipEvery) throws IOException {
        Random r = new Random(7);
        StringBuilder jsonl = new StringBuilder();
        try (Writer t = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(table)), StandardCharsets.UTF_8)) {
            t.write("key\tpair_ratio_mean\tpair_ratio_sd\tpair_ratio_p10\tpair_ratio_p50\tpair_ratio_p90"
                + "\tpair_machine_mean\tpair_human_mean\tpair_binoculars\n");
            for (String source : new String[] {"a", "b", "c"}) {
                for (int i = 0; i < 30; i++) {
                    boolean machine = i % 2 == 0;
                    String text = "Text  " + source + i + " about the " + (r.nextBoolean() ? "garden" : "river")
                        + (r.nextBoolean() ? ", honestly.\n" : " and its history. ") + "Words " + r.nextInt(1000) + ".";
                    jsonl.append(String.format("{\"text\": %s, \"label\": %d, \"source\": \"%s\"}%n",
                        Json.MAPPER.writeValueAsString(text), machine ? 1 : 0, source));
                    if (i % skipEvery == skipEvery - 1) {
                        continue; // a text without features is left out
                    }
                    double d = (machine ? 0.5 : -0.5) + 0.3 * r.nextGaussian();
                    t.write(OofPairFeatures.key(Whitespace.collapse(text)) + "\t" + d + "\t1.2\t" + (d - 1) + "\t" + d
                        + "\t" + (d + 1) + "\t-3\t" + (-3 - d) + "\t-0.8\n");
                }
            }
        }
        Files.writeString(data, jsonl);
    }

    @Test
    void fitsAPairHeadThatScoresWithBothModels(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(LLAMA)) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        Path data = dir.resolve("train.jsonl");
        Path table = dir.resolve("oof.tsv.gz");
        writeData(data, table, 10);
        Path oof = dir.resolve("oof-scores.json");
        Cli fit = Cli.run("fit-ensemble", "--dataset", data, "--pair-features", table, "--threads", "1",
            "-m", model, "--sampling-model", model, "--out", model.resolve("detectgpt-ensemble.json"), "--scores", oof);
        assertEquals(0, fit.status, fit.toString());
        JsonNode e = Json.MAPPER.readTree(model.resolve("detectgpt-ensemble.json").toFile());
        assertEquals(model + "+" + model, e.get("model").asText());
        assertTrue(e.get("provenance").get("dense_features").toString().contains("pair_binoculars"), e.toString());
        assertEquals(9, e.get("provenance").get("texts_without_model_features").asInt()); // 3 per source
        e.get("provenance").get("held_out_group_auroc").forEach(a -> assertTrue(a.asDouble() > 0.8, e.toString()));

        // each out-of-fold human score names its file, for calibrate's per-source bound
        JsonNode oofJson = Json.MAPPER.readTree(oof.toFile());
        assertEquals(oofJson.get("human").size(), oofJson.get("human_sources").size(), oofJson.toString());
        oofJson.get("human_sources").forEach(s -> assertEquals("train", s.asText()));

        // without --sampling-model the head brings the human side it was fitted with
        Cli score = Cli.run("score", "-m", model, "-c", "ensemble", "--json", "The garden and its history. Words 12.");
        assertEquals(0, score.status, score.toString());
        JsonNode r = Json.MAPPER.readTree(score.out);
        assertTrue(Double.isFinite(r.path("score").asDouble(Double.NaN)), score.out);
        assertTrue(score.out.contains("sampling_model"), score.out);

        // calibrate (scan's path) and eval name the pair alike, so eval's verdicts find the calibration
        Path cal = dir.resolve("cal.json");
        Cli calibrate = Cli.run("calibrate", "-m", model, "--scores", oof, "--force", "--out", cal);
        assertEquals(0, calibrate.status, calibrate.toString());
        assertTrue(Files.readString(cal).contains("\"model+model\""), Files.readString(cal)); // identity: names
        Cli eval = Cli.run("eval", "-m", model, "-c", "ensemble", "--verdicts", "--calibration", cal, "--json", data);
        assertEquals(0, eval.status, eval.toString());
        JsonNode ev = Json.MAPPER.readTree(eval.out);
        assertEquals("model", ev.path("sampling_model").path("name").asText(), eval.out);
        assertEquals(1, ev.path("verdicts").path("datasets").size(), eval.out);

        // a library caller that leaves the human side out is told what to give
        org.detectgpt.model.CausalLm lm = org.detectgpt.model.load.ModelLoader.load(model);
        IllegalArgumentException noPair = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> org.detectgpt.detect.Detector.builder().setModel(lm)
                .setCriterion(org.detectgpt.detect.Criteria.forName("ensemble", lm)).build());
        assertTrue(noPair.getMessage().contains("human-side model (" + model + ")"), noPair.getMessage());
    }

    @Test
    void aBadFeatureTableIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("train.jsonl");
        Path table = dir.resolve("oof.tsv.gz");
        writeData(data, table, 10);
        Path plain = dir.resolve("plain.tsv");
        Files.writeString(plain, "key\tx\n");
        Cli notGzip = Cli.run("fit-ensemble", "--dataset", data, "--pair-features", plain, "--out", dir.resolve("e.json"));
        assertTrue(notGzip.status != 0 && notGzip.err.contains(plain + ": not gzip-compressed")
            && notGzip.err.strip().lines().count() == 1, notGzip.toString());
        Path short_ = dir.resolve("short.tsv.gz");
        try (Writer t = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(short_)), StandardCharsets.UTF_8)) {
            t.write("key\tpair_ratio_mean\tpair_ratio_sd\tpair_ratio_p10\tpair_ratio_p50\tpair_ratio_p90"
                + "\tpair_machine_mean\tpair_human_mean\tpair_binoculars\nabc\t1\t2\n");
        }
        Cli cut = Cli.run("fit-ensemble", "--dataset", data, "--pair-features", short_, "--out", dir.resolve("e.json"));
        assertTrue(cut.status != 0 && cut.err.contains(short_ + ": line 2 has 3 fields, expected 9"), cut.toString());
    }
}
