package org.detectgpt.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs n independent tasks on a fixed number of threads and returns their results in task order. */
public final class Parallel {
    private Parallel() {}

    /**
     * @param threads threads to use (at most n are started)
     * @param n number of tasks
     * @param task the task for index i; a RuntimeException it throws is rethrown as is
     * @param <T> the result type
     * @return the results, in index order
     */
    public static <T> List<T> map(int threads, int n, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
        try {
            List<Future<T>> fs = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                int kk = k;
                fs.add(pool.submit(() -> task.apply(kk)));
            }
            List<T> out = new ArrayList<>(n);
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
