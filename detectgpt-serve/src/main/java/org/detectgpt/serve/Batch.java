package org.detectgpt.serve;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.scan.DocumentScorer;

/**
 * One upload and what became of it. The worker and the HTTP handlers share it, so every method
 * that reads or changes the state holds its lock.
 */
final class Batch {
    /** Where a batch stands. */
    enum State {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * An uploaded document.
     *
     * @param name the name the teacher sees (the file's path in the dropped folder)
     * @param file where it is kept in the batch's private folder
     */
    record Upload(String name, Path file) {}

    private final String id;
    private final Path dir;
    private final DocumentScorer scorer;
    private final List<Upload> uploads;
    private final List<String> notes;
    private final int total;
    private final List<DocumentReport> reports = new ArrayList<>();
    private State state = State.QUEUED;
    private String error;
    private Instant started;
    private Instant finished;

    /**
     * @param id the batch's unguessable id
     * @param dir its private folder
     * @param scorer the scorer (with the batch's calibration)
     * @param uploads the documents to score
     * @param refused rows of documents refused at upload (over the size limit)
     * @param notes what the teacher should know about the batch
     */
    Batch(String id, Path dir, DocumentScorer scorer, List<Upload> uploads, List<DocumentReport> refused,
            List<String> notes) {
        this.id = id;
        this.dir = dir;
        this.scorer = scorer;
        this.uploads = List.copyOf(uploads);
        this.notes = List.copyOf(notes);
        this.reports.addAll(refused);
        this.total = uploads.size() + refused.size();
    }

    String id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    DocumentScorer scorer() {
        return scorer;
    }

    List<Upload> uploads() {
        return uploads;
    }

    List<String> notes() {
        return notes;
    }

    int total() {
        return total;
    }

    /** @return true if it was queued and is now running */
    synchronized boolean start() {
        if (state != State.QUEUED) {
            return false;
        }
        state = State.RUNNING;
        started = Instant.now();
        return true;
    }

    /** Adds a finished document, unless the batch was cancelled meanwhile. */
    synchronized boolean add(DocumentReport r) {
        if (state != State.RUNNING) {
            return false;
        }
        reports.add(r);
        return true;
    }

    synchronized void finish(String failure) {
        if (state == State.RUNNING) {
            state = failure == null ? State.DONE : State.FAILED;
            error = failure;
        }
        finished = Instant.now();
    }

    /** @return the state before the cancel */
    synchronized State cancel() {
        State before = state;
        if (state == State.QUEUED || state == State.RUNNING) {
            state = State.CANCELLED;
        }
        return before;
    }

    synchronized boolean cancelled() {
        return state == State.CANCELLED;
    }

    /** A consistent view of the batch at one moment. */
    record Snapshot(State state, List<DocumentReport> reports, String error, Instant started, Instant finished) {}

    synchronized Snapshot snapshot() {
        return new Snapshot(state, List.copyOf(reports), error, started, finished);
    }

    /** @return the {@code i}-th finished document, or null */
    synchronized DocumentReport report(int i) {
        return i >= 0 && i < reports.size() ? reports.get(i) : null;
    }
}
