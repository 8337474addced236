package org.detectgpt.bench;

import org.detectgpt.detect.Detector;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.nn.Simd;

/**
 * Seconds per Fast-DetectGPT call on the 500-word essay with the shipped English model, after 20
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
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fd.detect(essay);
        }
        System.out.printf("%.4f s/call (%s)%n", (System.nanoTime() - t0) / 1e9 / n, lanes());
    }

    private static String lanes() {
        try {
            return Simd.vectorized() ? "Vector API lanes" : "scalar loops";
        } catch (NoClassDefFoundError e) {
            return "a build before model.nn.Simd";
        }
    }
}
