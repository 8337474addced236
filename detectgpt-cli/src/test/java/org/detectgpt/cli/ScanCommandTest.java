package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.detectgpt.model.nn.EngineThreads;
import org.detectgpt.testing.TestDocuments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, with stories260K as the model: calibrate on known-human stories, then scan a folder
 * of every supported format plus bad files, with every report.
 */
class ScanCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> BAD = List.of("empty.txt", "random.pdf", "truncated.docx", "huge.txt");
    @TempDir
    static Path dir;
    static Path essays;
    static Path calibration;

    @BeforeAll
    static void makeFolders() throws Exception {
        Path human = Files.createDirectories(dir.resolve("human"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(human.resolve("old-" + i + ".txt"), TestDocuments.story(i, 160));
        }
        essays = Files.createDirectories(dir.resolve("essays"));
        Path sub = Files.createDirectories(essays.resolve("class-b"));
        Files.writeString(essays.resolve("a.txt"), TestDocuments.story(20, 170));
        Files.writeString(essays.resolve("b.md"), "# My story\n\n" + TestDocuments.story(21, 170));
        Files.writeString(sub.resolve("c.html"), "<html><body><h1>Story</h1><p>"
            + TestDocuments.story(22, 170).replace("\n\n", "</p><p>") + "</p></body></html>");
        Files.write(sub.resolve("d.docx"), TestDocuments.docx(List.of(TestDocuments.story(23, 90),
            TestDocuments.story(24, 90))));
        Files.write(essays.resolve("e.pdf"), TestDocuments.pdf(List.of(TestDocuments.story(25, 170))));
        Files.writeString(essays.resolve("short.txt"), "Once upon a time, there was a dog. The end.");
        Files.writeString(essays.resolve("notes.jpg"), "not scanned: unsupported extension in a folder");
        Files.write(essays.resolve("empty.txt"), new byte[0]);
        byte[] random = new byte[5000];
        new Random(5).nextBytes(random);
        Files.write(essays.resolve("random.pdf"), random);
        byte[] docx = TestDocuments.docx(List.of(TestDocuments.story(26, 170)));
        Files.write(sub.resolve("truncated.docx"), Arrays.copyOf(docx, docx.length / 2));
        try (RandomAccessFile f = new RandomAccessFile(essays.resolve("huge.txt").toFile(), "rw")) {
            byte[] line = "All work and no play makes Jack a dull boy.\n".getBytes(StandardCharsets.US_ASCII);
            byte[] block = new byte[line.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(line, 0, block, i * line.length, line.length);
            }
            for (long written = 0; written < 50L << 20; written += block.length) {
                f.write(block);
            }
        }
        calibration = dir.resolve("calibration.json");
        Cli c = Cli.run("calibrate", "--model", Cli.MODEL, "--criterion", "likelihood", "--human", human,
            "--fpr", "0.1", "--resamples", "200", "--force", "--out", calibration);
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.contains("en: 12 human, 0 machine texts; likely-machine at or above"), c.out);
    }

    @Test
    void scansEveryFormatAndReportsBadFilesAsErrors() throws Exception {
        Path jsonl = dir.resolve("r.jsonl");
        Path csv = dir.resolve("r.csv");
        Path html = dir.resolve("r.html");
        Cli c = Cli.run("scan", "--model", Cli.MODEL, "--criterion", "likelihood", "--calibration", calibration,
            "--jsonl", jsonl, "--csv", csv, "--html", html, "--threads", "2", essays);
        assertEquals(3, c.status, c.toString());

        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(10, lines.size(), "one line per input (the .jpg in a folder is not an input)");
        Map<String, JsonNode> byName = new HashMap<>();
        for (String line : lines) {
            JsonNode o = JSON.readTree(line);
            byName.put(Path.of(o.get("path").asText()).getFileName().toString(), o);
        }
        for (Map.Entry<String, JsonNode> e : byName.entrySet()) {
            boolean bad = BAD.contains(e.getKey());
            assertEquals(bad, e.getValue().get("verdict").asText().equals("error"), e.getValue().toString());
            assertNotNull(e.getValue().get("sha256").textValue(), e.getKey() + " has a content hash");
        }
        assertTrue(byName.get("huge.txt").get("reason").asText().startsWith("too large: 52,"),
            byName.get("huge.txt").toString());
        assertTrue(byName.get("empty.txt").get("reason").asText().equals("empty file"));
        assertTrue(byName.get("random.pdf").get("reason").asText().startsWith("not a readable PDF"));
        assertTrue(byName.get("truncated.docx").get("reason").asText().startsWith("not a readable .docx"));
        assertEquals("too-short", byName.get("short.txt").get("verdict").asText());
        for (String good : List.of("a.txt", "b.md", "c.html", "d.docx", "e.pdf")) {
            JsonNode o = byName.get(good);
            assertTrue(List.of("likely-machine", "inconclusive", "likely-human").contains(o.get("verdict").asText()),
                o.toString());
            assertEquals("en", o.get("language").asText());
            assertTrue(o.get("words").asInt() >= 150, o.toString());
            assertTrue(o.get("score").isNumber() && o.get("human_percentile").isNumber(), o.toString());
            assertTrue(o.get("sentences").size() > 5);
        }
        assertFalse(byName.get("b.md").get("sentences").get(0).get("text").asText().contains("#"),
            "markdown markup stripped");

        List<String> csvLines = Files.readAllLines(csv);
        assertEquals(11, csvLines.size(), "header and one row per document");

        Document page = Jsoup.parse(html.toFile(), "UTF-8");
        Element table = page.getElementById("documents");
        assertNotNull(table);
        assertEquals(10, table.select("tbody tr").size());
        for (String name : byName.keySet()) {
            assertTrue(table.text().contains(name), name + " in the table");
        }
        assertEquals(10, page.select("section.doc").size());
        assertTrue(page.select("section.doc mark").size() >= 6, "highlighted sentences in every scored document");
        String text = page.text();
        assertTrue(text.contains("not proof") && text.contains("non-native"), "the caution is there");
        assertTrue(text.contains("stories260K.bin") && text.contains("likelihood")
            && text.contains("target false-positive rate of 10%"), "model, criterion, threshold, FPR");
        assertTrue(page.select("script").html().contains("sort"), "a sortable table");
        assertTrue(page.select("link[href], script[src], img[src]").isEmpty(), "self-contained");

        assertTrue(c.out.contains("10 documents: "), c.out);
        assertTrue(c.out.contains("error"), c.out);
    }

    @Test
    void eachDocumentThreadGetsItsShareOfTheCoresForTheModel() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads : new int[] {1, 2}) {
            Cli c = Cli.run("scan", "--model", Cli.MODEL, "--criterion", "likelihood", "--threads", threads,
                essays.resolve("a.txt"));
            assertEquals(0, c.status, c.toString());
            // two documents at once with a BLAS thread per core each oversubscribed the machine
            assertEquals(Math.max(1, cores / threads), EngineThreads.perCaller(), "--threads " + threads);
        }
    }

    @Test
    void exitZeroWhenEverythingWasReadAndTwoOnUsageErrors() throws Exception {
        Cli ok = Cli.run("scan", "--model", Cli.MODEL, "--criterion", "likelihood", essays.resolve("a.txt"),
            essays.resolve("short.txt"));
        assertEquals(0, ok.status, ok.toString());
        assertTrue(ok.err.contains("no --calibration"), ok.err);
        assertTrue(ok.out.contains("inconclusive") && ok.out.contains("too-short"), ok.out);
        assertEquals(2, Cli.run("scan", "--model", Cli.MODEL, dir.resolve("nope")).status);
        assertEquals(2, Cli.run("scan", "--model", Cli.MODEL, "--resume", essays).status);
        Cli glob = Cli.run("scan", "--model", Cli.MODEL, "--criterion", "likelihood", essays + "/**/*.docx");
        assertEquals(3, glob.status, glob.toString());
        assertTrue(glob.out.contains("d.docx") && glob.out.contains("truncated.docx") && !glob.out.contains("a.txt"),
            glob.out);
    }

    @Test
    void calibrationOfAnotherModelOrCriterionIsRefused() {
        Cli c = Cli.run("scan", "--model", Cli.MODEL, "--criterion", "logrank", "--calibration", calibration,
            essays.resolve("a.txt"));
        assertEquals(1, c.status, c.toString());
        assertTrue(c.err.contains("criterion likelihood") && c.err.contains("calibrate again"), c.err);
        assertFalse(c.err.contains("\tat "), "no stack trace");
    }
}
