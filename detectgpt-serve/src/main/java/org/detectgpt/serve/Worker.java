package org.detectgpt.serve;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.detectgpt.DetectGptException;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.scan.ScanListener;
import org.detectgpt.scan.BatchScan;

/**
 * Scores one batch at a time (the server has one model set; two batches at once would only share
 * its cores) on one thread, in the order they came; the others wait with their place in the queue.
 */
final class Worker implements AutoCloseable {
    private final int threads;
    private final Deque<Batch> queue = new ArrayDeque<>();
    private final Thread thread;
    private Batch running;
    private boolean closed;

    Worker(int threads) {
        this.threads = threads;
        this.thread = new Thread(this::loop, "detectgpt-serve-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the number of batches ahead of {@code b} (the running one included) at the time of submission */
    synchronized int submit(Batch b) {
        queue.addLast(b);
        notifyAll();
        return position(b);
    }

    /** @return the number of batches scored before {@code b} starts (the running one included); 0 once it runs */
    synchronized int position(Batch b) {
        int ahead = running == null ? 0 : 1;
        for (Batch q : queue) {
            if (q == b) {
                return ahead;
            }
            ahead++;
        }
        return 0;
    }

    /** @return true if {@code b} was waiting and is now out of the queue (its files may go at once) */
    synchronized boolean dequeue(Batch b) {
        return queue.remove(b);
    }

    private void loop() {
        while (true) {
            Batch b;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                b = queue.removeFirst();
                running = b;
            }
            try {
                run(b);
            } finally {
                synchronized (this) {
                    running = null;
                }
                if (b.cancelled()) {
                    // dropped while it ran: its files go now that no scoring thread reads them
                    TempFolders.deleteTree(b.dir());
                }
            }
        }
    }

    private void run(Batch b) {
        if (!b.start()) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        List<Path> files = new ArrayList<>();
        for (Batch.Upload u : b.uploads()) {
            names.put(u.file().toString(), u.name());
            files.add(u.file());
        }
        String failure = null;
        try {
            BatchScan.of(b.scorer()).withThreads(threads).scan(files, Map.of(), new ScanListener() {
                @Override
                public void finished(DocumentReport r) throws DetectGptException {
                    // the scan named it by its temporary file: the row gets the name the teacher knows
                    if (!b.add(r.withPath(names.getOrDefault(r.path(), r.path())))) {
                        throw new DetectGptException("batch cancelled"); // stops the scan's other documents
                    }
                }
            });
        } catch (DetectGptException | RuntimeException e) {
            failure = b.cancelled() ? null : "the batch stopped: " + e.getMessage();
        } catch (OutOfMemoryError e) {
            failure = "out of memory while scoring the batch (more memory: JAVA_OPTS=-Xmx…)";
        }
        b.finish(failure);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (Batch b : queue) {
                b.cancel();
            }
            if (running != null) {
                running.cancel();
            }
            queue.clear();
            notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
