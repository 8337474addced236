package org.detectgpt.scan;

import java.util.List;
import org.detectgpt.report.DocumentReport;

/**
 * What one run of a scan did.
 *
 * @param reports the documents scored in this run, in the order they finished
 * @param skipped documents skipped because their content hash was already reported (resume)
 * @param left documents not scanned because the run's document limit was reached
 */
public record ScanResult(List<DocumentReport> reports, int skipped, int left) {
    /** Copies the list. */
    public ScanResult {
        reports = List.copyOf(reports);
    }
}
