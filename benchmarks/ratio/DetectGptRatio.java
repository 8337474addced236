import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.detectgpt.detect.Detector;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.models.BundledModels;
import org.detectgpt.perturb.PerturbationConfig;

/**
 * DetectGPT (built-in filler) against Fast-DetectGPT as a same-run ratio, with only API calls that
 * exist before and after the key/value cache, so that one source runs against both builds
 * ({@code ratio.sh}). The essay is BenchInputs.essay(500): the two English plain-text examples
 * joined, cut to 500 words. Fast-DetectGPT: median of 7 calls after 3 warm-ups, measured just before and just
 * after each DetectGPT call (fresh seed, new detector, so no cached perturbations).
 *
 * <p>Run from the repository root: {@code java -cp "detectgpt-cli/target/lib/*"
 * benchmarks/ratio/DetectGptRatio.java LABEL N...}
 */
public class DetectGptRatio {
    static String essay(int words) throws Exception {
        List<String> all = new ArrayList<>();
        for (String f : new String[] {"human-story-writingprompts.md", "machine-story-gpt-4o.txt"}) {
            all.addAll(List.of(Files.readString(Path.of("examples", f)).replace("#", " ").trim().split("\\s+")));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(all.get(i % all.size()));
        }
        return sb.toString();
    }

    static double fast(CausalLm m, String essay) throws Exception {
        Detector fd = Detector.builder().setModel(m).setCriterion("fast-detectgpt").build();
        for (int i = 0; i < 3; i++) {
            fd.detect(essay);
        }
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            fd.detect(essay);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    public static void main(String[] a) throws Exception {
        String essay = essay(500);
        CausalLm m = ModelLoader.load(BundledModels.find("detectgpt-en").orElseThrow().path());
        for (int i = 1; i < a.length; i++) {
            int n = Integer.parseInt(a[i]);
            double f0 = fast(m, essay);
            Detector d = Detector.builder().setModel(m).setCriterion("detectgpt")
                .optPerturbationConfig(PerturbationConfig.defaults().withPerturbations(n)).optSeed(1001 + i).build();
            long t0 = System.nanoTime();
            double score = d.detect(essay).score();
            double s = (System.nanoTime() - t0) / 1e9;
            double f1 = fast(m, essay);
            System.out.printf("%s detectgpt@%d %.1f s (score %.3f); fast-detectgpt %.3f s before, %.3f s after;"
                + " ratio %.0fx%n", a[0], n, s, score, f0, f1, s / ((f0 + f1) / 2));
        }
    }
}
