package org.detectgpt.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.detectgpt.report.DocumentReport;
import org.junit.jupiter.api.Test;

class ScanJournalTest {
    private static DocumentReport.Failed row(String path, String sha) {
        return new DocumentReport.Failed(path, Optional.ofNullable(sha), "ensemble", "reason");
    }

    @Test
    void aReusedReportIsNewOnlyUnderANewPath() {
        ScanJournal j = ScanJournal.of(List.of(row("a.txt", "aa"), row("copy-of-a.txt", "aa"), row("b.txt", "bb")));
        assertEquals(2, j.byContent().size());
        assertEquals("a.txt", j.byContent().get("aa").path(), "the first row of a hash is the one reused");
        assertFalse(j.isNew(row("a.txt", "aa")));
        assertFalse(j.isNew(row("copy-of-a.txt", "aa")));
        assertTrue(j.isNew(row("renamed.txt", "aa")));
        assertTrue(j.isNew(row("a.txt", "changed")), "same path, new content");
    }

    @Test
    void unreadableFilesAreAlwaysTriedAgain() {
        ScanJournal j = ScanJournal.of(List.of(row("gone.txt", null)));
        assertTrue(j.byContent().isEmpty());
        assertTrue(j.isNew(row("gone.txt", null)));
        assertTrue(ScanJournal.empty().isNew(row("a.txt", "aa")));
    }
}
