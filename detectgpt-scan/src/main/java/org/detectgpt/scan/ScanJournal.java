package org.detectgpt.scan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.detectgpt.report.DocumentReport;

/**
 * What a JSON Lines report already holds, for {@code scan --resume}: the reports by content hash
 * (documents with those hashes are not scored again) and which (path, hash) rows are written, so
 * that a reused report is appended only under a new path (a copy or a renamed file), never twice.
 * Reports without a hash (files that could not be read) are always tried again. Immutable.
 *
 * <pre>{@code
 * ScanJournal journal = ScanJournal.of(JsonlReport.read(jsonl));
 * scan.scan(files, journal.byContent(), r -> { if (journal.isNew(r)) out.write(r); });
 * }</pre>
 */
public final class ScanJournal {
    private static final ScanJournal EMPTY = new ScanJournal(Map.of(), Set.of());

    private final Map<String, DocumentReport> byContent;
    private final Set<String> written;

    private ScanJournal(Map<String, DocumentReport> byContent, Set<String> written) {
        this.byContent = byContent;
        this.written = written;
    }

    /** @return the journal of a fresh report: nothing done */
    public static ScanJournal empty() {
        return EMPTY;
    }

    /**
     * @param previous the rows of an earlier report, in file order (the first row of a hash is the
     *     one reused)
     * @return their journal
     */
    public static ScanJournal of(List<DocumentReport> previous) {
        Map<String, DocumentReport> byContent = new HashMap<>();
        Set<String> written = new HashSet<>();
        for (DocumentReport r : previous) {
            r.sha256Hex().ifPresent(sha -> {
                byContent.putIfAbsent(sha, r);
                written.add(key(r.path(), sha));
            });
        }
        return new ScanJournal(Map.copyOf(byContent), Set.copyOf(written));
    }

    /** @return the reports already made, by hex SHA-256 of the document's bytes */
    public Map<String, DocumentReport> byContent() {
        return byContent;
    }

    /**
     * @param r a report of this run (new, or reused from the journal under its current path)
     * @return whether the report file lacks this row: false only for a reused report under the path
     *     it already has there
     */
    public boolean isNew(DocumentReport r) {
        return r.sha256Hex().map(sha -> !written.contains(key(r.path(), sha))).orElse(true);
    }

    private static String key(String path, String sha) {
        return path + "\0" + sha;
    }
}
