import org.detectgpt.spark.ExecutorModels;
import org.detectgpt.spark.ModelSpec;

/**
 * The heap an executor's models take: used heap after a full GC, before and after the embedded
 * default models (English and Chinese, ensemble criterion) are loaded through ExecutorModels, and the
 * off-heap bytes ND4J/JavaCPP holds. Run with the job jar on the classpath (see measure.sh).
 */
public class ModelMemory {
    public static void main(String[] args) throws Exception {
        long before = used();
        long t0 = System.nanoTime();
        var scorer = ExecutorModels.scorer(new ModelSpec(args.length > 0 ? args[0] : "", "ensemble"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long after = used();
        System.out.printf("models loaded in %,d ms; heap used %,d MB before, %,d MB after (%,d MB for the models); "
            + "JavaCPP off-heap %,d MB; max heap %,d MB; %s%n", ms, before >> 20, after >> 20, (after - before) >> 20,
            org.bytedeco.javacpp.Pointer.totalBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20,
            scorer.models().describe());
    }

    private static long used() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
