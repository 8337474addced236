package org.detectgpt.scan;

import org.detectgpt.DetectGptException;
import org.detectgpt.report.DocumentReport;

/**
 * Told of a scan's progress. Calls are serialized (never two at once) and made in the order the
 * documents finish; an exception from {@link #finished} (e.g. a report that cannot be written)
 * stops the scan.
 */
public interface ScanListener {
    /**
     * A document was scored (or failed).
     *
     * @param report its report
     * @throws DetectGptException to stop the scan
     */
    void finished(DocumentReport report) throws DetectGptException;

    /**
     * Progress: called after every document, the skipped ones included.
     *
     * @param done documents done or skipped so far
     * @param total documents in the scan
     */
    default void progress(int done, int total) {}
}
