package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.detectgpt.testing.Fixtures;
import org.detectgpt.testing.ScoresFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRocAndModelsTest {
    @Test
    void evalDrawsRocCurves(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("roc.svg");
        Cli c = Cli.run("eval", "--model", Cli.MODEL, "--criterion", "likelihood,logrank", "--roc", svg,
            Fixtures.path("datasets/eval/hc3-plus/en/validation/tiny.jsonl"));
        assertEquals(0, c.status, c.toString());
        String s = Files.readString(svg);
        assertTrue(s.contains("likelihood (AUROC") && s.contains("logrank (AUROC"), "legend with AUROC");
        Cli bad = Cli.run("eval", "--model", Cli.MODEL, "--roc", dir.resolve("roc.gif"),
            Fixtures.path("datasets/eval/hc3-plus/en/validation/tiny.jsonl"));
        assertEquals(2, bad.status, bad.toString());
    }

    @Test
    void modelsListAndUnknownModels() {
        Cli list = Cli.run("models", "list");
        assertEquals(0, list.status, list.toString());
        assertTrue(list.out.contains("Bundled models:") && list.out.contains("Pulled models in"), list.out);
        Cli missing = Cli.run("score", "--model", "nobody/no-such-model", "Once upon a time.");
        assertEquals(1, missing.status);
        assertTrue(missing.err.contains("detectgpt models pull nobody/no-such-model"), missing.err);
        assertTrue(list.out.contains("detectgpt-en") && list.out.contains("detectgpt-zh"), list.out);
    }

    @Test
    void theEmbeddedDefaultsScoreWithoutAnyModelOption(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String en = "The library opened early on Saturday so that students could prepare for their exams. ".repeat(20);
        String zh = "今天早上我们去图书馆复习功课，老师说考试之前一定要把笔记整理清楚，这样才能找到自己的不足。".repeat(8);
        java.nio.file.Files.writeString(dir.resolve("essay.txt"), en);
        java.nio.file.Files.writeString(dir.resolve("zuowen.txt"), zh);
        java.nio.file.Path jsonl = dir.resolve("out.jsonl");
        Cli scan = Cli.run("scan", "--quiet", "--jsonl", jsonl, dir.resolve("essay.txt"), dir.resolve("zuowen.txt"));
        assertEquals(0, scan.status, scan.toString());
        String lines = java.nio.file.Files.readString(jsonl);
        assertTrue(lines.contains("detectgpt-en") && lines.contains("detectgpt-zh"), lines);
        Cli score = Cli.run("score", "--json", en);
        assertEquals(0, score.status, score.toString());
        assertTrue(score.out.contains("\"model\" : \"detectgpt-en\""), score.out);
    }

    /** Without --model, eval scores each data set with the bundled default of its language. */
    @Test
    void evalPicksTheBundledModelOfEachDataSetsLanguage(@TempDir Path dir) throws Exception {
        StringBuilder zh = new StringBuilder();
        String[] texts = {
            "今天早上我们去图书馆复习功课，老师说考试之前一定要把笔记整理清楚。",
            "这篇文章介绍了城市公园的历史，以及居民如何在周末一起照顾花园。",
            "我认为学习一门新的语言需要耐心，每天坚持练习才会慢慢进步。",
            "博物馆里展出了许多古代的瓷器，讲解员详细说明了它们的制作过程。",
        };
        for (int i = 0; i < texts.length; i++) {
            zh.append("{\"text\": \"").append(texts[i].repeat(3)).append("\", \"label\": ").append(i % 2).append("}\n");
        }
        Path zhSet = dir.resolve("zh.jsonl");
        Files.writeString(zhSet, zh);
        Cli c = Cli.run("eval", "--json", "--criterion", "likelihood", zhSet,
            Fixtures.path("datasets/eval/hc3-plus/en/validation/tiny.jsonl"));
        assertEquals(0, c.status, c.toString());
        com.fasterxml.jackson.databind.JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.out);
        assertEquals("detectgpt-zh", d.path("datasets").get(0).path("model").asText(), c.out);
        assertEquals("detectgpt-en", d.path("datasets").get(1).path("model").asText(), c.out);
        assertEquals(2, d.path("models").size(), c.out);
    }

    /** A criterion the bundled calibration does not cover scans without verdicts, said once (issue 15, defect 3). */
    @Test
    void anotherCriterionWithTheDefaultModelsScansWithoutVerdicts(@TempDir Path dir) throws Exception {
        String en = "The library opened early on Saturday so that students could prepare for their exams. ".repeat(20);
        Files.writeString(dir.resolve("a.txt"), en);
        Files.writeString(dir.resolve("b.txt"), en.replace("library", "museum"));
        Cli scan = Cli.run("scan", "--quiet", "-c", "logrank", dir);
        assertEquals(0, scan.status, scan.toString());
        assertTrue(scan.err.contains("bundled calibration is for criterion ensemble, not logrank"), scan.err);
        assertEquals(1, scan.err.split("bundled calibration", -1).length - 1, scan.err);
        assertTrue(scan.out.contains("2 documents: 0 likely-machine, 2 inconclusive"), scan.out);
    }

    /** Calibrations refuse machine texts alone and too few texts, in one line each (issue 17). */
    @Test
    void calibrateRefusesMachineOnlyAndTooFewTexts(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("machine"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(m.resolve(i + ".txt"), org.detectgpt.testing.TestDocuments.story(i, 160));
        }
        Cli only = Cli.run("calibrate", "--machine", m, "--out", dir.resolve("c.json"));
        assertEquals(2, only.status, only.toString());
        assertTrue(only.err.contains("needs texts known to be human") && only.err.strip().lines().count() <= 2,
            only.err);
        Cli few = Cli.run("calibrate", "--human", m, "--out", dir.resolve("c.json"));
        assertEquals(1, few.status, few.toString());
        assertTrue(few.err.contains("not calibrated (each class needs 50; --force accepts 10)"), few.err);
        assertTrue(!Files.exists(dir.resolve("c.json")));
    }

    /**
     * A scores file naming its human sources: calibrate bounds each one (--source-fpr), says how
     * each fared, and writes them into the calibration; a malformed --source-fpr is one line.
     */
    @Test
    void calibrateBoundsEachNamedHumanSource(@TempDir Path dir) throws Exception {
        Path scores = ScoresFiles.twoSources(dir.resolve("oof.json"));
        Path cal = dir.resolve("c.json");
        Cli c = Cli.run("calibrate", "--scores", scores, "--source-fpr", "0.05", "--resamples", "50", "--out", cal);
        assertEquals(0, c.status, c.toString());
        // pooled 1 % flags 247..249; b.jsonl's 5 % allows 5 of its 100: 245..249, so the pooled rule holds
        assertTrue(c.out.contains("likely-machine at or above 246.0000"), c.out);
        assertTrue(c.out.contains("  a.jsonl: 200 human texts, 0 likely-machine (0.0%)"), c.out);
        assertTrue(c.out.contains("  b.jsonl: 100 human texts, 3 likely-machine (3.0%)"), c.out);
        Cli strict = Cli.run("calibrate", "--scores", scores, "--resamples", "50", "--out", cal);
        assertTrue(strict.out.contains("  b.jsonl: 100 human texts, 1 likely-machine (1.0%)"), strict.out);
        JsonNode written = Json.MAPPER.readTree(cal.toFile()).get("calibrations").get(0);
        assertEquals(0.01, written.get("source_fpr").asDouble(), 0);
        assertEquals("b.jsonl", written.get("human_sources").get(1).get("source").asText());
        assertEquals(1, written.get("human_sources").get(1).get("likely_machine").asInt());
        assertTrue(written.get("human_sources").get(1).get("bounded").asBoolean());
        Cli bad = Cli.run("calibrate", "--scores", scores, "--source-fpr", "2", "--out", cal);
        assertEquals(2, bad.status, bad.toString());
        assertTrue(bad.err.contains("--source-fpr") && bad.err.strip().lines().count() == 1, bad.err);
    }
}
