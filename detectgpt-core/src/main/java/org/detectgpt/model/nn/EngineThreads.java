package org.detectgpt.model.nn;

import org.detectgpt.util.Args;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's native threads (ND4J's OpenMP and BLAS pools) when several of the caller's threads
 * run models at once. Each matrix product already spreads over every core, so n callers at once
 * would start n × cores native threads on the machine's cores: on 2 cores, {@code scan --threads 2}
 * with Fast-DetectGPT took 1.2–1.4 times as long as one thread before the cores were shared, and
 * sharing them made it 1.4–1.55 times faster (benchmarks/README.md). Call {@link #share} once before the callers start; it is process-wide
 * (ND4J's pools are), so the last call wins. How many threads split a product changes the order of
 * its sums: scores made under another setting differ by float rounding (~1e-7 relative), no more.
 */
public final class EngineThreads {
    private EngineThreads() {}

    /**
     * Gives each of {@code callers} concurrent callers max(1, cores / callers) native threads.
     *
     * @param callers threads that run models at the same time (1: every core for the one caller)
     */
    public static void share(int callers) {
        Args.positive(callers, "callers");
        int each = Math.max(1, Runtime.getRuntime().availableProcessors() / callers);
        Nd4j.getEnvironment().setMaxThreads(each);
        Nd4j.factory().blas().setMaxThreads(each);
    }

    /** @return the native BLAS threads one product may use now */
    public static int perCaller() {
        return Nd4j.factory().blas().getMaxThreads();
    }
}
