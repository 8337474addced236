package org.detectgpt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.detect.Detector;
import org.detectgpt.document.DocumentException;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.models.BundledModels;
import org.detectgpt.language.Language;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.JsonlReport;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanModels;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectGptJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;
    private static List<SparkTests.DevText> dev;

    @BeforeAll
    static void start() {
        spark = SparkTests.session();
        dev = SparkTests.devTexts();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** What {@code detectgpt scan} makes of a file: the bundled models and the bundled calibration that fits. */
    private static DocumentScorer scanScorer() throws Exception {
        DocumentScorer s = DocumentScorer.of(ScanModels.of(Map.of(Language.ENGLISH, detector(Language.ENGLISH),
            Language.CHINESE, detector(Language.CHINESE))));
        CalibrationSet shipped = CalibrationSet.read(BundledModels.defaultFor(Language.ENGLISH).orElseThrow()
            .calibration().orElseThrow());
        return s.withCalibration(Optional.empty(), Optional.of(shipped), note -> { });
    }

    /** The detectors the executors of this JVM hold (loading them again would cost the test half a minute). */
    private static Detector detector(Language language) throws Exception {
        return ExecutorModels.scorer(new ModelSpec("", "ensemble")).models().forLanguage(language);
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the JSON Lines of every committed run, by path */
    private static Map<String, List<JsonNode>> jsonl(Path out) throws IOException {
        Map<String, List<JsonNode>> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(out.resolve("jsonl"))) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    JsonNode o = JSON.readTree(line);
                    m.computeIfAbsent(o.get("path").asText(), k -> new ArrayList<>()).add(o);
                }
            }
        }
        return m;
    }

    private static int job(String... args) {
        return DetectGptJob.run(spark, args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void scansAFolderOfGoodAndBadFilesIntoTheRowsScanWrites(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("essays");
        write(in, "a.txt", utf8(dev.get(0).text()));
        write(in, "b.md", utf8("# Title\n\n" + dev.get(4).text()));
        write(in, "c.html", utf8("<html><head><meta charset=utf-8></head><body><p>" + dev.get(1).text() + "</p></body></html>"));
        write(in, "d.docx", TestDocuments.docx(List.of(dev.get(5).text(), dev.get(2).text())));
        write(in, "class-2/e.pdf", TestDocuments.pdf(List.of(TestDocuments.story(3, 300))));
        write(in, "class-2/zh.txt", utf8(dev.get(9).text()));
        write(in, "empty.txt", new byte[0]);
        write(in, "binary.txt", new byte[] {'a', 0, 0, 1, 2, 'b', 0, 0, 0, 3});
        write(in, "corrupt.docx", utf8("PK this is not a zip file at all"));
        write(in, "locked.pdf", TestDocuments.encryptedPdf(List.of("secret text"), "pw"));
        write(in, "huge.txt", utf8("word ".repeat(180_000)));
        write(in, "photo.jpg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
        Path out = tmp.resolve("out");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DetectGptJob.run(spark, new String[] {"--input", in.toString(), "--output", out.toString(),
            "--partitions", "3"}, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(DetectGptJob.EXIT_SOME_FAILED, status, err.toString(StandardCharsets.UTF_8));
        String summary = err.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("detectgpt: 11 scored (5 errors), 0 copied from earlier rows of the same "
            + "content, 0 already in " + out + ", 1 files of other types left out; wrote run-"), summary);
        Map<String, List<JsonNode>> rows = jsonl(out);
        assertEquals(List.of("a.txt", "b.md", "binary.txt", "c.html", "class-2/e.pdf", "class-2/zh.txt", "corrupt.docx",
            "d.docx", "empty.txt", "huge.txt", "locked.pdf"), rows.keySet().stream().sorted().toList());
        DocumentScorer scan = scanScorer();
        for (var e : rows.entrySet()) {
            assertEquals(1, e.getValue().size(), e.getKey());
            JsonNode got = e.getValue().get(0);
            byte[] bytes = Files.readAllBytes(in.resolve(e.getKey()));
            ObjectNode expected;
            try {
                DocumentReader.defaults().readBytes(in.resolve(e.getKey()));
                expected = JsonlReport.toJson(scan.score(e.getKey(), DocumentScorer.sha256(bytes), bytes));
            } catch (DocumentException tooLarge) {
                expected = JsonlReport.toJson(new DocumentReport.Failed(e.getKey(),
                    Optional.of(DocumentScorer.sha256(bytes)), "ensemble", tooLarge.problem()));
            }
            assertEquals(expected, got, e.getKey());
            // the same fields in the same order as scan's JSON Lines
            List<String> names = new ArrayList<>();
            got.fieldNames().forEachRemaining(names::add);
            List<String> expectedNames = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            assertEquals(expectedNames, names, e.getKey());
        }
        assertEquals("zh", rows.get("class-2/zh.txt").get(0).get("language").asText());
        for (String bad : List.of("empty.txt", "binary.txt", "corrupt.docx", "locked.pdf", "huge.txt")) {
            assertEquals("error", rows.get(bad).get(0).get("verdict").asText(), bad);
        }
        assertTrue(rows.get("huge.txt").get(0).get("reason").asText().startsWith("too large: 900,000 bytes"));
        // the Parquet holds the same rows
        List<Row> parquet = spark.read().parquet(out.resolve("parquet").resolve(
            summary.substring(summary.indexOf("wrote ") + 6).strip()).toString()).collectAsList();
        assertEquals(11, parquet.size());
        for (Row r : parquet) {
            JsonNode j = rows.get(r.<String>getAs("path")).get(0);
            assertEquals(j.get("sha256").asText(), r.getAs("sha256"));
            assertEquals(j.get("verdict").asText(), r.getAs("verdict"));
            assertEquals(j.get("sentences").size(), r.<scala.collection.Seq<?>>getAs("sentences").size());
        }
    }

    @Test
    void aRerunScoresOnlyWhatIsNewAndCopiesRowsOfKnownContent(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("essays");
        write(in, "a.txt", utf8(dev.get(0).text()));
        write(in, "b.md", utf8(dev.get(4).text()));
        write(in, "bad.docx", utf8("not a docx"));
        Path out = tmp.resolve("out");
        String[] args = {"--input", in.toString(), "--output", out.toString()};
        var o = DetectGptJob.Options.parse(args);
        DetectGptJob.Summary first = DetectGptJob.run(spark, o);
        assertEquals(3, first.scored());
        assertEquals(1, first.errors());

        write(in, "c.txt", utf8(dev.get(5).text()));
        Files.copy(in.resolve("a.txt"), in.resolve("a-copy.txt"));
        Files.move(in.resolve("b.md"), in.resolve("b2.md"));
        // a run that died before Spark committed it: never read (it would not even parse)
        write(out.resolve("parquet"), "run-20000101T000000Z-dead/part-00000.parquet", utf8("half a file"));
        DetectGptJob.Summary second = DetectGptJob.run(spark, o);
        assertEquals(1, second.scored());
        assertEquals(2, second.reused());
        assertEquals(2, second.done());
        assertEquals(0, second.errors());

        Map<String, List<JsonNode>> rows = jsonl(out);
        // b.md's row stays: the output is a log, as scan's JSON Lines are
        assertEquals(List.of("a-copy.txt", "a.txt", "b.md", "b2.md", "bad.docx", "c.txt"),
            rows.keySet().stream().sorted().toList());
        rows.values().forEach(v -> assertEquals(1, v.size()));
        ObjectNode copy = ((ObjectNode) rows.get("a-copy.txt").get(0)).deepCopy();
        copy.put("path", "a.txt");
        assertEquals(rows.get("a.txt").get(0), copy);

        // the JSON Lines of a run are rewritten from its Parquet if they were lost; nothing new: no run
        try (Stream<Path> s = Files.walk(out.resolve("jsonl").resolve(first.run()))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        DetectGptJob.Summary third = DetectGptJob.run(spark, o);
        assertNull(third.run());
        assertEquals(0, third.scored());
        assertEquals(5, third.done());
        assertEquals(rows, jsonl(out));
        try (Stream<Path> s = Files.list(out.resolve("parquet"))) {
            assertEquals(3, s.count()); // two runs and the dead one
        }
    }

    @Test
    void usageErrorsAndAMissingFolderGiveOneLineAndAStatus(@TempDir Path tmp) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(DetectGptJob.EXIT_USAGE, DetectGptJob.run(spark, new String[] {"--output", "x"}, p));
        assertEquals(DetectGptJob.EXIT_USAGE, DetectGptJob.run(spark, new String[] {"--input", "a", "--output", "b",
            "--partitions", "many"}, p));
        assertEquals(1, DetectGptJob.run(spark, new String[] {"--input", tmp.resolve("none").toString(), "--output",
            tmp.resolve("out").toString()}, p));
        Iterator<String> lines = err.toString(StandardCharsets.UTF_8).lines().iterator();
        assertTrue(lines.next().startsWith("detectgpt: --input is required; usage: DetectGptJob --input DIR"));
        assertEquals("detectgpt: --partitions must be a whole number of at least 0: many", lines.next());
        assertEquals("detectgpt: " + tmp.resolve("none") + ": no such folder", lines.next());
        assertFalse(lines.hasNext());
    }

    @Test
    void aCalibrationOfAnotherModelStopsTheJobWithTheScansMessage(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("essays");
        write(in, "a.txt", utf8(dev.get(0).text()));
        String shipped = Files.readString(BundledModels.defaultFor(Language.ENGLISH).orElseThrow().calibration()
            .orElseThrow(), StandardCharsets.UTF_8);
        Path cal = tmp.resolve("cal.json");
        // the English entry names the default head's pair, detectgpt-en+detectgpt-en-human
        Files.writeString(cal, shipped.replaceAll("\"model\" ?: ?\"detectgpt-en[^\"]*\"", "\"model\" : \"other-model\""),
            StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DetectGptJob.run(spark, new String[] {"--input", in.toString(), "--output", tmp.resolve("out")
            .toString(), "--calibration", cal.toString()}, new PrintStream(err, true, StandardCharsets.UTF_8));
        String line = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, status, line);
        assertTrue(line.startsWith("detectgpt: the job failed: cal.json: the en calibration was made with model "
            + "other-model"), line);
        assertFalse(line.contains("\n"), line);
        assertFalse(Files.exists(tmp.resolve("out").resolve("parquet")), "nothing written");
    }
}
