package org.detectgpt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.stream.Stream;
import org.detectgpt.DetectGptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report write that fails part-way leaves the previous report whole, and no temporary file. */
class AtomicReportTest {
    /** Two rows, then a failure, as a crash or a full disk part-way through the write would be. */
    static List<DocumentReport> failingAfterOneRow() {
        return new AbstractList<>() {
            @Override
            public DocumentReport get(int i) {
                if (i > 0) {
                    throw new IllegalStateException("disk full");
                }
                return ReportFilesTest.doc("a.txt", "aa");
            }

            @Override
            public int size() {
                return 3;
            }
        };
    }

    @Test
    void aFailedCsvWriteKeepsThePreviousReport(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("r.csv");
        CsvReport.write(csv, List.of(ReportFilesTest.doc("old.txt", "oo")));
        String before = Files.readString(csv);
        DetectGptException e = assertThrows(DetectGptException.class, () -> CsvReport.write(csv, failingAfterOneRow()));
        assertTrue(e.getMessage().startsWith(csv + ": cannot write"), e.getMessage());
        assertEquals(before, Files.readString(csv), "the previous report is untouched");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(csv), s.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aFailedWriteMidStreamKeepsThePreviousFile(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("r.html");
        Files.writeString(html, "<html>the good old report</html>");
        assertThrows(DetectGptException.class, () -> ReportFiles.writeAtomically(html, w -> {
            w.write("<html>half a new rep".repeat(10_000));
            throw new java.io.IOException("killed");
        }));
        assertEquals("<html>the good old report</html>", Files.readString(html));
        ReportFiles.writeAtomically(html, w -> w.write("new"));
        assertEquals("new", Files.readString(html));
    }

    @Test
    void outputPathsAreCheckedWithoutCreatingAnything(@TempDir Path dir) {
        DetectGptException noFolder = assertThrows(DetectGptException.class,
            () -> ReportFiles.checkWritable(dir.resolve("missing/r.html")));
        assertTrue(noFolder.getMessage().contains("no folder"), noFolder.getMessage());
        assertThrows(DetectGptException.class, () -> ReportFiles.checkWritable(dir));
        assertTrue(!Files.exists(dir.resolve("missing")));
    }
}
