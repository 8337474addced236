package org.detectgpt.bench;

import org.detectgpt.detect.Detector;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.nn.Simd;

/**
 * Seconds per Fast-DetectGPT call on the 500-word essay with the shipped English model, and the
 * megabytes the calling thread allocates per call (which tells the JIT state of the run), after 20
 * warm-ups: the loop behind the alternated before/after runs of benchmarks/README.md ("SIMD
 * lanes"), where one JVM per build runs it in turn because the shared host's speed drifts.
 * {@code java [--add-modules jdk.incubator.vector] -cp benchmarks/target/benchmarks.jar
 * org.detectgpt.bench.FastPathLoop CALLS}; for an older build, put that build's benchmarks.jar
 * first on the class path and this class after it (it uses only BenchInputs and Detector).
 */
public final class FastPathLoop {
    private FastPathLoop() {}

    /**
     * @param a the number of timed calls
     * @throws Exception if the model cannot be loaded
     */
    public static void main(String[] a) throws Exception {
        String essay = BenchInputs.essay(500);
        CausalLm m = BenchInputs.model("detectgpt-en");
        Detector fd = Detector.builder().setModel(m).setCriterion("fast-detectgpt").build();
        int n = Integer.parseInt(a[0]);
        for (int i = 0; i < 20; i++) {
            fd.detect(essay);
        }
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long b0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fd.detect(essay);
        }
        long t1 = System.nanoTime();
        // the calling thread's allocation tells the JIT's two states apart (benchmarks/README.md)
        System.out.printf("%.4f s/call, %.0f MB allocated per call by the calling thread (%s)%n", (t1 - t0) / 1e9 / n,
            (threads.getCurrentThreadAllocatedBytes() - b0) / 1e6 / n, lanes());
    }

    private static String lanes() {
        try {
            return Simd.vectorized() ? "Vector API lanes" : "scalar loops";
        } catch (NoClassDefFoundError e) {
            return "a build before model.nn.Simd";
        }
    }
}
