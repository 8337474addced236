package org.detectgpt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detectgpt.detect.DetectionResult;
import org.detectgpt.detect.Detector;
import org.detectgpt.detect.Timing;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.model.nn.Simd;
import org.detectgpt.models.BundledModels;
import org.detectgpt.perturb.CausalFiller;
import org.detectgpt.perturb.PerturbationConfig;

/**
 * Same-run measurements of issue 11's targets, on the shipped English model and a 500-word essay
 * ({@link BenchInputs#essay}):
 *
 * <ol>
 *   <li><b>Efficiency of the fast path</b>: the model FLOPs Fast-DetectGPT does on the essay (every
 *       row of every overlapping window through the layers: projections, MLP and causal
 *       attention's 4·d·(i+1) per layer for row i; the output head only on the rows
 *       {@code TokenScorer} scores, each token once) over its time, against the sgemm ceiling: the
 *       engine's own {@link Linear} on the model's two largest products for 512 rows (median of 7
 *       after 3 warm-ups). After 20 warm-up calls (the first calls of a JVM run ~1.5× slower),
 *       {@value #ROUNDS} rounds each time the fast path (median of 7 calls) and then the ceiling,
 *       and the share is the median of the rounds' shares: on a shared host the machine's speed
 *       drifts within a minute, and a round compares times taken moments apart.</li>
 *   <li><b>DetectGPT against Fast-DetectGPT</b> for each {@code N[:K]} argument (N perturbations,
 *       K candidates of the built-in filler, default 1 as the filler's): one DetectGPT call (fresh seed, new
 *       detector, so nothing cached) with its fill and perturbation-scoring parts, against the
 *       mean of Fast-DetectGPT's medians just before and just after it.</li>
 * </ol>
 *
 * <p>{@code benchmarks/ratio/ratio.sh} runs it: {@code java -cp benchmarks/target/benchmarks.jar
 * org.detectgpt.bench.DetectGptRatio LABEL 10 10:1 100} from the repository root.
 */
public final class DetectGptRatio {
    /** Rounds of the fast path's 7 calls next to the ceiling's two products. */
    static final int ROUNDS = 7;

    private DetectGptRatio() {}

    /** @return the median of t (sorts it) */
    static double median(double[] t) {
        Arrays.sort(t);
        return t[t.length / 2];
    }

    static double fast(Detector fd, String essay, int warmups, int calls) throws Exception {
        for (int i = 0; i < warmups; i++) {
            fd.detect(essay);
        }
        double[] t = new double[calls];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            fd.detect(essay);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        return median(t);
    }

    static int config(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("config.json has no " + key);
        }
        return Integer.parseInt(m.group(1));
    }

    /** @return seconds per {@code rows × in → out} product through Linear (median of 7 after 3 warm-ups) */
    static double sgemm(int rows, int in, int out) {
        SplittableRandom r = new SplittableRandom(7);
        Linear l = Linear.fromOutIn(MatmulBenchmark.uniform(in * out, r), null, in, out);
        float[] x = MatmulBenchmark.uniform(rows * in, r);
        double[] t = new double[10];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            l.apply(x, rows);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        return median(Arrays.copyOfRange(t, 3, 10));
    }

    /**
     * @param a a label for the output lines, then the {@code N[:K]} specs
     * @throws Exception if the model cannot be loaded
     */
    public static void main(String[] a) throws Exception {
        String essay = BenchInputs.essay(500);
        Path dir = BundledModels.find("detectgpt-en").orElseThrow().path();
        CausalLm m = BenchInputs.model("detectgpt-en");
        Detector fd = Detector.builder().setModel(m).setCriterion("fast-detectgpt").build();

        // 1. the fast path's effective GFLOP/s against the sgemm ceiling, same JVM
        String cfg = Files.readString(dir.resolve("config.json"));
        int d = config(cfg, "hidden_size");
        int ff = config(cfg, "intermediate_size");
        int layers = config(cfg, "num_hidden_layers");
        int vocab = config(cfg, "vocab_size");
        int qOut = config(cfg, "num_attention_heads") * config(cfg, "head_dim");
        int kvOut = config(cfg, "num_key_value_heads") * config(cfg, "head_dim");
        int ctx = m.contextLength();
        int tokens = m.tokenizer().encodeIds(essay).length;
        double perRow = 2.0 * layers * ((double) d * qOut + 2.0 * d * kvOut + (double) qOut * d + 3.0 * d * ff);
        // TokenScorer's windows: the first holds C tokens, each next one starts C/2 before the
        // first unscored position; every row of every window runs through the layers, but the
        // output head (2·d·V a row) only through the tokens - 1 scored rows
        double flops = (tokens - 1) * 2.0 * d * vocab;
        long rows = 0;
        int start = 0;
        int scored = 0;
        while (true) {
            int end = Math.min(tokens, start + ctx);
            int len = end - start;
            rows += len;
            flops += len * perRow + layers * 4.0 * d * len * (len + 1) / 2.0;
            scored = end;
            if (end >= tokens) {
                break;
            }
            start = scored - ctx / 2;
        }
        // rounds of (fast path, ceiling) side by side: on a shared host the machine's speed drifts
        // by up to 2x within a minute, so each round's share compares like with like
        for (int i = 0; i < 20; i++) {
            fd.detect(essay);
        }
        double[] share = new double[ROUNDS];
        double[] fastT = new double[ROUNDS];
        double[] ceil = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            fastT[r] = fast(fd, essay, 0, 7);
            double g1 = 2.0 * 512 * d * vocab / sgemm(512, d, vocab) / 1e9;
            double g2 = 2.0 * 512 * d * ff / sgemm(512, d, ff) / 1e9;
            ceil[r] = Math.max(g1, g2);
            share[r] = flops / fastT[r] / 1e9 / ceil[r];
        }
        double fastS = median(fastT);
        double midShare = median(share);
        System.out.printf("%s (%s) fast-detectgpt: %d tokens, %d rows in windows of %d, %.2f GFLOP, median %.3f s"
                + " -> %.1f GFLOP/s; sgemm ceiling (512x%dx%d or 512x%dx%d) median %.1f GFLOP/s;"
                + " share of the ceiling, median of %d rounds %.0f%% (%.0f-%.0f%%)%n",
            a[0], Simd.vectorized() ? "Vector API lanes" : "scalar loops", tokens, rows, ctx, flops / 1e9, fastS,
            flops / fastS / 1e9, d, vocab, d, ff, median(ceil), ROUNDS, 100 * midShare,
            100 * share[0], 100 * share[ROUNDS - 1]);

        // 2. DetectGPT against Fast-DetectGPT
        for (int i = 1; i < a.length; i++) {
            String[] spec = a[i].split(":");
            int n = Integer.parseInt(spec[0]);
            int k = spec.length > 1 ? Integer.parseInt(spec[1]) : 1;
            double f0 = fast(fd, essay, 3, 7);
            Detector dg = Detector.builder().setModel(m).setCriterion("detectgpt")
                .optMaskFiller(CausalFiller.of(m).withCandidates(k))
                .optPerturbationConfig(PerturbationConfig.defaults().withPerturbations(n)).optSeed(1001 + i).build();
            long t0 = System.nanoTime();
            DetectionResult r = dg.detect(essay);
            double s = (System.nanoTime() - t0) / 1e9;
            double f1 = fast(fd, essay, 3, 7);
            Timing t = r.timing();
            double mean = (f0 + f1) / 2;
            System.out.printf("%s detectgpt@%d, %d candidates: %.1f s (fill %.1f s, scoring the perturbations %.1f s"
                    + " = %.0fx); score %.3f; fast-detectgpt %.3f s before, %.3f s after; ratio %.0fx%n",
                a[0], n, k, s, t.fillNanos() / 1e9, t.perturbedScoringNanos() / 1e9,
                t.perturbedScoringNanos() / 1e9 / mean, r.score(), f0, f1, s / mean);
        }
    }
}
