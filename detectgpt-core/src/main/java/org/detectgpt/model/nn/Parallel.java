package org.detectgpt.model.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** Splits element-wise or row-wise work over the common pool's threads when there is enough of it. */
final class Parallel {
    /** Values of work below which one thread is faster than handing out tasks. */
    static final int GRAIN = 1 << 15;

    /** A contiguous part {@code [from, to)} of the work. */
    interface Range {
        void run(int from, int to);
    }

    private Parallel() {}

    /**
     * Runs {@code body} over {@code [0, n)} in as many contiguous parts as there are threads to
     * run them (the common pool's and the caller's), each at least {@code GRAIN} values of work.
     *
     * @param n items
     * @param width values of work per item (a row's width; 1 for elements)
     * @param body the work on a part
     */
    static void forRange(int n, int width, Range body) {
        long work = (long) n * width;
        int parts = (int) Math.min(ForkJoinPool.getCommonPoolParallelism() + 1L, Math.min(n, work / GRAIN));
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        IntStream.range(0, parts).parallel()
            .forEach(p -> body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }
}
