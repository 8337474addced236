package org.detectgpt.scan;

import java.util.List;
import org.detectgpt.report.DocumentReport;

/**
 * What one run of a scan did.
 *
 * @param reports one per document of this run, in the order they finished: scored ones and those
 *     whose earlier report was reused (resume); not those left by the document limit
 * @param skipped documents not scored again because a report of the same content existed (resume);
 *     their reports are in {@code reports}
 * @param left documents not scanned because the run's document limit was reached
 */
public record ScanResult(List<DocumentReport> reports, int skipped, int left) {
    /** Copies the list. */
    public ScanResult {
        reports = List.copyOf(reports);
    }
}
