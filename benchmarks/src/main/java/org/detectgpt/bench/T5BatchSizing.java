package org.detectgpt.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.detectgpt.model.arch.T5Model;
import org.detectgpt.model.load.Seq2SeqLoader;
import org.detectgpt.perturb.MaskedText;
import org.detectgpt.perturb.Masking;
import org.detectgpt.perturb.PerturbationConfig;
import org.detectgpt.perturb.T5Filler;

/**
 * Sizes the T5 filler's batch by measurement: the same N masked copies of the 500-word essay
 * (DetectGPT's default masking) filled with batch sizes B = 1 … , seconds per perturbation and
 * the ratio to the first size in the same run. Each size runs once, in the order given, after one
 * warm-up fill at B = 1; give the first size again last to see how much of the gap is warm-up.
 *
 * <p>Run from the repository root on a T5 checkpoint (a random one of a real T5's shape:
 * {@code benchmarks/t5-batch/run.sh}): {@code java -cp benchmarks/target/benchmarks.jar
 * org.detectgpt.bench.T5BatchSizing DIR N B...}
 */
public final class T5BatchSizing {
    private T5BatchSizing() {}

    /**
     * @param args the T5 folder, the number of perturbations, the batch sizes
     * @throws Exception if the model cannot be loaded
     */
    public static void main(String[] args) throws Exception {
        T5Model t5 = Seq2SeqLoader.load(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        String essay = BenchInputs.essay(500);
        T5Filler base = T5Filler.of(t5);
        List<MaskedText> masked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            masked.add(Masking.mask(essay, PerturbationConfig.defaults(), base.maxMasks(), new SplittableRandom(i)));
        }
        int sourceTokens = t5.tokenizer().encodeIds(masked.get(0).masked()).length;
        System.out.printf(Locale.ROOT, "model %s (%,d weights), %d perturbations of a 500-word essay, %d masks and %d "
            + "source tokens in the first, %d threads%n", args[0], t5.info().parameters(), n, masked.get(0).masks(),
            sourceTokens, Runtime.getRuntime().availableProcessors());
        fill(base.withBatch(1), masked.subList(0, 1)); // warm-up
        double one = Double.NaN;
        System.out.println("batch  s/perturbation  vs the first");
        for (int k = 2; k < args.length; k++) {
            int b = Integer.parseInt(args[k]);
            long t0 = System.nanoTime();
            fill(base.withBatch(b), masked);
            double s = (System.nanoTime() - t0) / 1e9 / n;
            if (Double.isNaN(one)) {
                one = s;
            }
            System.out.printf(Locale.ROOT, "%5d  %14.3f  %9.2fx%n", b, s, one / s);
        }
    }

    private static void fill(T5Filler f, List<MaskedText> masked) {
        List<SplittableRandom> rngs = new ArrayList<>();
        for (int i = 0; i < masked.size(); i++) {
            rngs.add(new SplittableRandom(1000 + i));
        }
        f.fill(masked, rngs);
    }
}
