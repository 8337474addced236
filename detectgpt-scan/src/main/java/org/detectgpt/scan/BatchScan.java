package org.detectgpt.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.detectgpt.DetectGptException;
import org.detectgpt.document.DocumentException;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.hub.FileDigests;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.util.Args;

/**
 * Scans many documents in parallel: each is read, hashed, and scored by a {@link DocumentScorer}
 * unless a report of the same content exists already (resume); the listener hears of each as it
 * finishes. A bad document becomes an error report and the scan goes on.
 *
 * <p><b>Resume.</b> The caller passes the reports already made, by content hash (read back from
 * the JSON Lines report). The hash saves the scoring, not the row: every file given gets its own
 * report under its current path, a copy of the earlier one when the content matches. So a renamed
 * or moved file is not scored twice yet appears under its new name, a copy appears as often as it
 * exists, and an edited one is scored again. Files that could not be read at all have no hash and
 * are tried again.
 *
 * <p><b>Document limit.</b> {@link #withMaxDocuments(int)} stops after that many documents have
 * been scored in this run (reused reports do not count): a way to scan a large folder a batch at a
 * time with {@code --resume}, and how the tests interrupt a scan at a known point.
 *
 * <p>Immutable; {@code with*} return copies.
 */
public final class BatchScan {
    private final DocumentScorer scorer;
    private final int threads;
    private final int maxDocuments;

    private BatchScan(DocumentScorer scorer, int threads, int maxDocuments) {
        this.scorer = Args.notNull(scorer, "scorer");
        this.threads = Args.positive(threads, "threads");
        this.maxDocuments = Args.positive(maxDocuments, "maxDocuments");
    }

    /** @return a scanner using one thread and no document limit */
    public static BatchScan of(DocumentScorer scorer) {
        return new BatchScan(scorer, 1, Integer.MAX_VALUE);
    }

    /** @return a copy scoring {@code n} documents at once */
    public BatchScan withThreads(int n) {
        return new BatchScan(scorer, n, maxDocuments);
    }

    /** @return a copy that takes up at most {@code n} documents per run */
    public BatchScan withMaxDocuments(int n) {
        return new BatchScan(scorer, threads, n);
    }

    /**
     * @param files the documents, with the names reports give them ({@code toString()})
     * @param previous reports already made, by content hash: a document with one of those hashes is
     *     not scored again, its report is copied under its own path
     * @param listener told of each document
     * @return what the run did
     * @throws DetectGptException if the listener stops the scan
     */
    public ScanResult scan(List<Path> files, Map<String, DocumentReport> previous, ScanListener listener)
            throws DetectGptException {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger left = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<DocumentReport> reports = new ArrayList<>();
        Object lock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "detectgpt-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    DocumentReport r = one(f, previous, taken, skipped, left);
                    synchronized (lock) {
                        if (r != null) {
                            reports.add(r);
                            listener.finished(r);
                        }
                        listener.progress(done.incrementAndGet(), files.size());
                    }
                    return null;
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectGptException("scan interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DetectGptException d) {
                throw d;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        synchronized (lock) {
            return new ScanResult(reports, skipped.get(), left.get());
        }
    }

    private DocumentReport one(Path file, Map<String, DocumentReport> previous, AtomicInteger taken,
            AtomicInteger reused, AtomicInteger left) {
        try {
            return oneOrOutOfMemory(file, previous, taken, reused, left);
        } catch (OutOfMemoryError e) {
            // one huge document must not end an overnight batch: what it allocated is garbage now
            return new DocumentReport.Failed(file.toString(), Optional.empty(), scorer.models().criterion(), "out of memory while "
                + "reading or scoring it; the other documents go on (more memory: JAVA_OPTS=-Xmx…)");
        }
    }

    private DocumentReport oneOrOutOfMemory(Path file, Map<String, DocumentReport> previous, AtomicInteger taken,
            AtomicInteger reused, AtomicInteger left) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = scorer.reader().readBytes(file);
        } catch (DocumentException e) {
            // an over-size file still has a hash (streamed), so resume reuses its row like any other
            String sha = streamedSha256(file);
            DocumentReport before = sha == null ? null : reusable(previous.get(sha), name);
            if (before != null) {
                reused.incrementAndGet();
                return at(before, name);
            }
            return claim(taken, left)
                ? new DocumentReport.Failed(name, Optional.ofNullable(sha), scorer.models().criterion(), e.problem())
                : null;
        }
        String sha = DocumentScorer.sha256(bytes);
        DocumentReport before = reusable(previous.get(sha), name);
        if (before != null) {
            reused.incrementAndGet();
            return at(before, name);
        }
        return claim(taken, left) ? scorer.score(name, sha, bytes) : null;
    }

    /**
     * @return {@code r} if it holds for a file named {@code name} too: the same content read the same
     *     way (a .txt renamed .md is read as Markdown, so it is scored again); else null
     */
    private static DocumentReport reusable(DocumentReport r, String name) {
        String format = r instanceof DocumentReport.Scored s ? s.format()
            : r instanceof DocumentReport.TooShort t ? t.format() : null;
        return r == null || format != null && !format.equals(DocumentReader.formatOf(name)) ? null : r;
    }

    /** @return {@code r} under the path {@code name} (the same content found under another name) */
    private static DocumentReport at(DocumentReport r, String name) {
        return r.path().equals(name) ? r : r.withPath(name);
    }

    /** @return the file's SHA-256 read in a stream, or null if it cannot be read */
    private static String streamedSha256(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null; // a pipe or device is never opened: it could block
        }
        try {
            return FileDigests.sha256(file);
        } catch (IOException e) {
            return null;
        }
    }

    private boolean claim(AtomicInteger taken, AtomicInteger left) {
        if (taken.incrementAndGet() > maxDocuments) {
            left.incrementAndGet();
            return false;
        }
        return true;
    }
}
