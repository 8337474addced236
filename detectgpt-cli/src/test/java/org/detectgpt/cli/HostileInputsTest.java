package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders and outputs a real user has: loops, odd files, pipes, copies and renames between runs, bad report paths. */
class HostileInputsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Cli scan(Object... args) {
        List<Object> a = new ArrayList<>(List.of("scan", "--model", Cli.MODEL, "--criterion", "likelihood",
            "--threads", "1"));
        a.addAll(List.of(args));
        return Cli.run(a.toArray());
    }

    @Test
    void aLinkLoopDoesNotStopTheScan(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("garden.txt"), TestDocuments.story(1, 160));
        Files.createSymbolicLink(d.resolve("sub/up"), Path.of(".."));
        Cli c = scan(d);
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.contains("garden.txt") && c.out.contains("1 documents: "), c.out);
        assertTrue(c.err.contains("1 entry skipped") && c.err.contains("link loop"), c.err);
    }

    @Test
    void unsupportedFilesInAFolderAreListedNotDroppedSilently(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        for (String n : List.of("a.doc", "b.odt", "c.rtf")) {
            Files.writeString(d.resolve(n), "x");
        }
        Cli c = scan(d);
        assertTrue(c.out.contains("0 documents"), c.out);
        assertTrue(c.err.contains("3 entries skipped") && c.err.contains("a.doc: unsupported file type '.doc'"),
            c.err);
    }

    @Test
    void aPipeNamedOnTheCommandLineIsAnErrorRowNotAHang(@TempDir Path dir) throws Exception {
        Path fifo = org.detectgpt.scan.ScanInputsTestAccess.mkfifo(dir.resolve("essay.txt"));
        Files.writeString(dir.resolve("ok.txt"), TestDocuments.story(2, 160));
        Cli c = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> scan(fifo, dir.resolve("ok.txt")));
        assertEquals(3, c.status, c.toString());
        assertTrue(c.out.contains("not a regular file"), c.out);
        assertTrue(c.out.contains("ok.txt") && c.out.contains("2 documents: "), c.out);
    }

    @Test
    void resumeGivesCopiesAndRenamedFilesTheirOwnRows(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        Files.writeString(d.resolve("alice.txt"), TestDocuments.story(3, 160));
        Files.writeString(d.resolve("carol.txt"), TestDocuments.story(4, 160));
        Path jsonl = dir.resolve("j.jsonl");
        assertEquals(0, scan("--jsonl", jsonl, d).status);
        assertEquals(2, Files.readAllLines(jsonl).size());
        Files.copy(d.resolve("alice.txt"), d.resolve("bob.txt"));
        Files.move(d.resolve("carol.txt"), d.resolve("dave.txt"));

        Path csv = dir.resolve("c.csv");
        Cli c = scan("--jsonl", jsonl, "--resume", "--csv", csv, d);
        assertEquals(0, c.status, c.toString());
        assertTrue(c.err.contains("3 documents already in"), c.err);
        assertTrue(c.out.contains("alice.txt") && c.out.contains("bob.txt") && c.out.contains("dave.txt")
            && !c.out.contains("carol.txt") && c.out.contains("3 documents: "), c.out);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.contains("bob.txt")) && rows.stream().noneMatch(r -> r.contains(
            "carol.txt")), rows.toString());
        // the JSONL is a log: the new names are appended, nothing is written twice for alice.txt
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(4, lines.size(), lines.toString());
        JsonNode alice = null;
        JsonNode bob = null;
        for (String l : lines) {
            JsonNode o = JSON.readTree(l);
            if (o.get("path").asText().endsWith("alice.txt")) {
                alice = o;
            } else if (o.get("path").asText().endsWith("bob.txt")) {
                bob = o;
            }
        }
        assertTrue(alice != null && bob != null, lines.toString());
        assertEquals(alice.get("score").asDouble(), bob.get("score").asDouble(), "the copy reuses the score");
        assertEquals(alice.get("sha256").asText(), bob.get("sha256").asText());
    }

    @Test
    void aFileRenamedToAnotherFormatIsScoredAgain(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        Files.writeString(d.resolve("essay.txt"), "# A heading\n\n" + TestDocuments.story(11, 160));
        Path jsonl = dir.resolve("j.jsonl");
        assertEquals(0, scan("--jsonl", jsonl, d).status);
        Files.move(d.resolve("essay.txt"), d.resolve("essay.md"));
        Cli c = scan("--jsonl", jsonl, "--resume", d);
        assertEquals(0, c.status, c.toString());
        assertFalse(c.err.contains("already in"), "read as Markdown now, so not the same text: " + c.err);
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("markdown", JSON.readTree(lines.get(1)).get("format").asText());
    }

    @Test
    void aBadReportPathIsRefusedBeforeScoring(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), TestDocuments.story(5, 160));
        Path jsonl = dir.resolve("j.jsonl");
        for (String opt : List.of("--html", "--csv")) {
            Cli c = scan("--jsonl", jsonl, opt, dir.resolve("no-such-folder/r.out"), dir.resolve("a.txt"));
            assertEquals(1, c.status, c.toString());
            assertTrue(c.err.contains("r.out: cannot write: no folder"), c.err);
            assertFalse(c.err.contains("\tat "), c.err);
            assertFalse(Files.exists(jsonl), "nothing was scanned");
        }
        Cli folder = scan("--html", dir, dir.resolve("a.txt"));
        assertEquals(1, folder.status, folder.toString());
        assertTrue(folder.err.contains("is a folder"), folder.err);
    }

    @Test
    void fitEnsembleRefusesAnOutputItCannotWriteBeforeFitting(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("train.jsonl");
        Files.writeString(data, "{\"text\": \"too few texts to fit\", \"label\": 1}\n");
        Path bad = dir.resolve("no-such-folder/e.json");
        for (Cli c : List.of(Cli.run("fit-ensemble", "--dataset", data, "--out", bad),
                Cli.run("fit-ensemble", "--dataset", data, "--out", dir.resolve("e.json"), "--scores", bad))) {
            // refused on the path, not on the data (which could not be fitted either)
            assertEquals(1, c.status, c.toString());
            assertTrue(c.err.contains("e.json: cannot write: no folder"), c.err);
            assertEquals(1, c.err.strip().lines().count(), c.err);
        }
    }

    @Test
    void aReportInsideTheScannedFolderIsNotScoredNextTime(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), TestDocuments.story(6, 160));
        Path html = dir.resolve("report.html");
        assertEquals(0, scan("--html", html, dir).status);
        assertTrue(Files.exists(html));
        Cli again = scan("--html", html, dir);
        assertEquals(0, again.status, again.toString());
        assertTrue(again.out.contains("1 documents: ") && !again.out.contains("report.html"), again.out);
    }

    @Test
    void aNewlineInAFileNameDoesNotBreakTheTable(@TempDir Path dir) throws Exception {
        Path odd;
        try {
            odd = Files.writeString(dir.resolve("two\nlines.txt"), TestDocuments.story(7, 160));
        } catch (java.nio.file.InvalidPathException e) {
            assumeTrue(false, "the file system refuses such names");
            return;
        }
        Cli c = scan(odd);
        assertTrue(c.out.contains("two\\nlines.txt"), c.out);
        assertEquals(3, c.out.lines().count(), "header, one row, summary: " + c.out);
    }

    @Test
    void theHtmlReportNamesTheModelNotItsFolderAndCountsChineseInCharacters(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("en.txt"), TestDocuments.story(8, 160));
        Files.writeString(dir.resolve("zh.txt"),
            "今天早上我们去图书馆复习功课，老师说考试之前一定要把笔记整理清楚，这样才能找到自己的不足。".repeat(8));
        Path html = dir.resolve("r.html");
        Cli c = Cli.run("scan", "--quiet", "--html", html, dir.resolve("en.txt"), dir.resolve("zh.txt"));
        assertEquals(0, c.status, c.toString());
        String page = org.jsoup.Jsoup.parse(html.toFile(), "UTF-8").text();
        assertTrue(page.contains("detectgpt-en (") && page.contains("detectgpt-zh ("), page);
        // the default English head reads the aligned pair: its human side is named with its own size
        assertTrue(page.contains(" + detectgpt-en-human (5,278,208 parameters, weights sha256 "), page);
        assertTrue(page.contains("weights sha256 "), page);
        assertFalse(page.contains(System.getProperty("user.home") + "/") || page.contains("/.cache/")
            || page.contains("target/classes"), "no machine path in the report: " + page);
        assertTrue(page.contains(" characters · model detectgpt-zh"), page);
        String css = org.jsoup.Jsoup.parse(html.toFile(), "UTF-8").select("style").html();
        assertTrue(css.contains("td{overflow-wrap:anywhere"), "long notes wrap inside their cell");
        assertTrue(c.out.contains(" chars ") && c.out.contains(" words "), c.out);
    }
}
