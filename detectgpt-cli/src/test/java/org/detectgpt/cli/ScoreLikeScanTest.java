package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score} and {@code scan} share one path: the same text, language routing, normalisation and cap. */
class ScoreLikeScanTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void scoreGivesTheScoreScanGives(@TempDir Path dir) throws Exception {
        // paragraphs, CRLF line ends and a ragged line: what a teacher's .txt looks like
        String text = TestDocuments.story(9, 90) + "\r\n\r\n   " + TestDocuments.story(10, 90).replace(". ", ".\r\n")
            + "\r\n";
        Path f = dir.resolve("essay.txt");
        Files.writeString(f, text);
        Path jsonl = dir.resolve("r.jsonl");
        Cli scan = Cli.run("scan", "--model", Cli.MODEL, "-c", "likelihood", "--jsonl", jsonl, f);
        assertEquals(0, scan.status, scan.toString());
        double scanned = JSON.readTree(Files.readAllLines(jsonl).get(0)).get("score").asDouble();

        Cli score = Cli.run("score", "--model", Cli.MODEL, "-c", "likelihood", "--json", text);
        assertEquals(0, score.status, score.toString());
        JsonNode j = JSON.readTree(score.out);
        assertEquals(scanned, j.get("score").asDouble(), 1e-9, "score and scan agree");
        assertEquals("en", j.get("language").asText());
    }

    @Test
    void aChineseTextIsScoredWithTheChineseModel() throws Exception {
        String zh = "今天早上我们去图书馆复习功课，老师说考试之前一定要把笔记整理清楚，这样才能找到自己的不足。".repeat(8);
        Cli score = Cli.run("score", "--json", zh);
        assertEquals(0, score.status, score.toString());
        JsonNode j = JSON.readTree(score.out);
        assertEquals("detectgpt-zh", j.get("model").asText(), "routed by language, as scan does");
        assertEquals("zh", j.get("language").asText());
    }

    @Test
    void scoreHasScansLengthCap() {
        Cli c = Cli.run("score", "--model", Cli.MODEL, "-c", "likelihood", "--max-chars", "1000", "x".repeat(2000));
        assertEquals(Main.EXIT_INPUT_ERROR, c.status, c.toString());
        assertEquals("detectgpt: the text argument: text too long: 2,000 characters, over the cap of 1,000 (raise it "
            + "with --max-chars)", c.err.strip());
        assertFalse(c.err.contains("\tat "));
        Cli defaultCap = Cli.run("score", "--model", Cli.MODEL, "-c", "likelihood", "y".repeat(200_001));
        assertEquals(Main.EXIT_INPUT_ERROR, defaultCap.status, defaultCap.toString());
        assertTrue(defaultCap.err.contains("over the cap of 200,000"), defaultCap.err);
    }
}
