package org.detectgpt.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.detectgpt.metrics.RocCurve;
import org.detectgpt.util.Args;
import org.detectgpt.util.Parallel;

/**
 * Fits a {@link TextHead} by grouped cross-validation, the protocol that decides everything
 * fitted here:
 * <ol>
 *   <li>the kept tokens of the distortion: the {@code keptTokens} commonest by document
 *       frequency; idf over all training texts;</li>
 *   <li>the bigram likelihood-ratio features are <b>cross-fitted by group</b>: a text's
 *       features come from a machine/human model pair trained without its group, so the
 *       regression learns what the ratio is worth on text the models never saw;</li>
 *   <li>λ of each regression is chosen by leave-one-group-out mean AUROC;</li>
 *   <li>the fusion is fitted on the leave-one-group-out logits, whose fused value is also
 *       what {@link Fit#outOfFoldScores()} returns — the scores to calibrate verdicts on
 *       (never in-sample scores: those are far too confident);</li>
 *   <li>the shipped parts are refitted on everything (the bigram pair on all texts).</li>
 * </ol>
 * Groups are sources (data sets, writers, generators); with a single group the texts are split
 * into 5 folds by position instead.
 */
public final class HeadFitter {
    /** One training text, with its {@link TextHead.ModelBlock} features (null for none). */
    public record Sample(String text, boolean machine, String group, double[] modelFeatures) {
        /** Checks the fields. */
        public Sample {
            Args.notNull(text, "text");
            Args.notNull(group, "group");
        }
    }

    /** What a fit gives: the head, its out-of-fold scores and the per-group AUROC of them. */
    public record Fit(TextHead head, double[] outOfFoldScores, Map<String, Double> groupAuroc, double sparseLambda,
            double denseLambda, String log) {}

    private final int keptTokens;
    private final int bits;
    private final int maxOrder;
    private final int lmWordBits;
    private final int lmPairBits;
    private final double[] sparseLambdas;
    private final double[] denseLambdas;
    private final int threads;
    private final Consumer<String> progress;

    private HeadFitter(int keptTokens, int bits, int maxOrder, int lmWordBits, int lmPairBits, double[] sparseLambdas,
            double[] denseLambdas, int threads, Consumer<String> progress) {
        this.keptTokens = keptTokens;
        this.bits = bits;
        this.maxOrder = maxOrder;
        this.lmWordBits = lmWordBits;
        this.lmPairBits = lmPairBits;
        this.sparseLambdas = sparseLambdas;
        this.denseLambdas = denseLambdas;
        this.threads = Args.positive(threads, "threads");
        this.progress = progress;
    }

    /** @return the English defaults: 500 kept tokens, 2^19 buckets, orders 1–4 */
    public static HeadFitter english() {
        return new HeadFitter(500, 19, 4, 18, 21, new double[] {5e-5, 2e-4}, new double[] {1e-3, 1e-2},
            2, s -> { });
    }

    /** @return the Chinese defaults: characters, 1,000 kept, 2^18 buckets, orders 1–3 */
    public static HeadFitter chinese() {
        return new HeadFitter(1000, 18, 3, 16, 19, new double[] {1e-4, 3e-4, 1e-3}, new double[] {1e-3, 1e-2},
            2, s -> { });
    }

    /** @return a copy with another number of kept tokens, n-gram space and order */
    public HeadFitter withNgrams(int kept, int b, int order) {
        return new HeadFitter(kept, b, order, lmWordBits, lmPairBits, sparseLambdas, denseLambdas, threads, progress);
    }

    /** @return a copy trying these λ values */
    public HeadFitter withLambdas(double[] sparse, double[] dense) {
        return new HeadFitter(keptTokens, bits, maxOrder, lmWordBits, lmPairBits, sparse.clone(), dense.clone(), threads,
            progress);
    }

    /** @return a copy on n threads */
    public HeadFitter withThreads(int n) {
        return new HeadFitter(keptTokens, bits, maxOrder, lmWordBits, lmPairBits, sparseLambdas, denseLambdas, n,
            progress);
    }

    /** @return a copy reporting progress lines to {@code p} */
    public HeadFitter withProgress(Consumer<String> p) {
        return new HeadFitter(keptTokens, bits, maxOrder, lmWordBits, lmPairBits, sparseLambdas, denseLambdas, threads,
            Args.notNull(p, "progress"));
    }

    /**
     * @param samples labelled texts with their groups; both classes present; none with model features
     * @return the fit
     */
    public Fit fit(List<Sample> samples) {
        return fit(samples, TextHead.ModelBlock.NONE);
    }

    /**
     * @param samples labelled texts with their groups; both classes present; each with the block's
     *     features (out-of-fold ones where the block's models were trained on these texts)
     * @param block what the samples' model features are
     * @return the fit
     */
    public Fit fit(List<Sample> samples, TextHead.ModelBlock block) {
        int n = samples.size();
        Args.check(n >= 10, "need at least 10 texts, got %d", n);
        int width = block.names().size();
        Args.check(samples.stream().allMatch(s -> block == TextHead.ModelBlock.NONE ? s.modelFeatures() == null
            : s.modelFeatures() != null && s.modelFeatures().length == width),
            "every text needs the %s block's %d model features", block, width);
        boolean[] y = new boolean[n];
        List<List<String>> tokens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            y[i] = samples.get(i).machine();
            tokens.add(TextTokens.of(samples.get(i).text()));
        }
        int[] fold = folds(samples);
        int folds = 1 + java.util.Arrays.stream(fold).max().orElse(0);
        StringBuilder log = new StringBuilder();
        say(log, "texts " + n + ", folds " + folds + ", model block " + block);

        DistortedNgrams ngrams = DistortedNgrams.fit(tokens, keptTokens, bits, maxOrder);
        SparseVector[] sx = new SparseVector[n];
        for (int i = 0; i < n; i++) {
            sx[i] = ngrams.vector(tokens.get(i));
        }
        say(log, "n-gram vectors done");

        double[][] dense = new double[n][];
        parallel(folds, f -> {
            List<List<String>> mt = new ArrayList<>();
            List<List<String>> ht = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f || folds == 1) {
                    (y[i] ? mt : ht).add(tokens.get(i));
                }
            }
            BigramLm m = BigramLm.fit(mt, lmWordBits, lmPairBits);
            BigramLm h = BigramLm.fit(ht, lmWordBits, lmPairBits);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    dense[i] = TextHead.denseFeatures(tokens.get(i), m, h, samples.get(i).modelFeatures());
                }
            }
        });
        say(log, "cross-fitted ratio features done");
        int d = dense[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        moments(dense, mean, scale);
        SparseVector[] dx = new SparseVector[n];
        for (int i = 0; i < n; i++) {
            dx[i] = TextHead.standardise(dense[i], mean, scale);
        }

        Choice sc = choose("sparse", sx, y, fold, folds, 1 << bits, sparseLambdas, log);
        Choice dc = choose("dense", dx, y, fold, folds, d, denseLambdas, log);
        SparseVector[] fx = new SparseVector[n];
        for (int i = 0; i < n; i++) {
            fx[i] = new SparseVector(new int[] {0, 1}, new float[] {(float) sc.oof[i], (float) dc.oof[i]});
        }
        SparseLogisticRegression fusionLr = SparseLogisticRegression.fit(fx, y, 2, 1e-4);
        double[] fusion = {fusionLr.bias(), fusionLr.weights()[0], fusionLr.weights()[1]};
        double[] oof = new double[n];
        for (int i = 0; i < n; i++) {
            oof[i] = fusion[0] + fusion[1] * sc.oof[i] + fusion[2] * dc.oof[i];
        }
        Map<String, Double> groupAuroc = groupAuroc(samples, oof);
        say(log, String.format(java.util.Locale.ROOT, "fusion %.3f + %.3f sparse + %.3f dense; out-of-fold AUROC by group %s",
            fusion[0], fusion[1], fusion[2], groupAuroc));

        List<List<String>> mt = new ArrayList<>();
        List<List<String>> ht = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (y[i] ? mt : ht).add(tokens.get(i));
        }
        BigramLm m = BigramLm.fit(mt, lmWordBits, lmPairBits);
        BigramLm h = BigramLm.fit(ht, lmWordBits, lmPairBits);
        SparseLogisticRegression[] finals = new SparseLogisticRegression[2];
        parallel(2, k -> {
            finals[k] = k == 0 ? SparseLogisticRegression.fit(sx, y, 1 << bits, sc.lambda)
                : SparseLogisticRegression.fit(dx, y, d, dc.lambda);
        });
        TextHead head = new TextHead(ngrams, finals[0], m, h, block, mean, scale, finals[1], fusion);
        return new Fit(head, oof, groupAuroc, sc.lambda, dc.lambda, log.toString());
    }

    private record Choice(double lambda, double[] oof) {}

    private Choice choose(String what, SparseVector[] x, boolean[] y, int[] fold, int folds, int dim, double[] lambdas,
            StringBuilder log) {
        Choice best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double lambda : lambdas) {
            double[] oof = new double[x.length];
            parallel(folds, f -> {
                List<SparseVector> tx = new ArrayList<>();
                List<Boolean> ty = new ArrayList<>();
                for (int i = 0; i < x.length; i++) {
                    if (fold[i] != f) {
                        tx.add(x[i]);
                        ty.add(y[i]);
                    }
                }
                boolean[] yy = new boolean[ty.size()];
                for (int i = 0; i < yy.length; i++) {
                    yy[i] = ty.get(i);
                }
                SparseLogisticRegression r = SparseLogisticRegression.fit(tx.toArray(SparseVector[]::new), yy, dim, lambda);
                for (int i = 0; i < x.length; i++) {
                    if (fold[i] == f) {
                        oof[i] = r.logit(x[i]);
                    }
                }
            });
            double score = meanFoldAuroc(oof, y, fold, folds);
            say(log, String.format(java.util.Locale.ROOT, "%s λ=%g: mean held-out-group AUROC %.4f", what, lambda, score));
            if (score > bestScore) {
                bestScore = score;
                best = new Choice(lambda, oof);
            }
        }
        return best;
    }

    private static double meanFoldAuroc(double[] s, boolean[] y, int[] fold, int folds) {
        double sum = 0;
        int k = 0;
        for (int f = 0; f < folds; f++) {
            List<Double> h = new ArrayList<>();
            List<Double> m = new ArrayList<>();
            for (int i = 0; i < s.length; i++) {
                if (fold[i] == f) {
                    (y[i] ? m : h).add(s[i]);
                }
            }
            if (!h.isEmpty() && !m.isEmpty()) {
                sum += RocCurve.of(h.stream().mapToDouble(Double::doubleValue).toArray(),
                    m.stream().mapToDouble(Double::doubleValue).toArray()).auroc();
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /** @return AUROC of the scores within each group that holds both classes */
    public static Map<String, Double> groupAuroc(List<Sample> samples, double[] scores) {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            h.computeIfAbsent(s.group(), k -> new ArrayList<>());
            m.computeIfAbsent(s.group(), k -> new ArrayList<>());
            (s.machine() ? m : h).get(s.group()).add(scores[i]);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String g : h.keySet()) {
            if (!h.get(g).isEmpty() && !m.get(g).isEmpty()) {
                out.put(g, RocCurve.of(h.get(g).stream().mapToDouble(Double::doubleValue).toArray(),
                    m.get(g).stream().mapToDouble(Double::doubleValue).toArray()).auroc());
            }
        }
        return out;
    }

    private static int[] folds(List<Sample> samples) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] fold = new int[samples.size()];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = ids.computeIfAbsent(samples.get(i).group(), g -> ids.size());
        }
        if (ids.size() == 1) {
            for (int i = 0; i < fold.length; i++) {
                fold[i] = i % 5;
            }
        }
        return fold;
    }

    private static void moments(double[][] x, double[] mean, double[] scale) {
        int n = x.length;
        for (double[] r : x) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : x) {
            for (int j = 0; j < mean.length; j++) {
                scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < scale.length; j++) {
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1.0;
        }
    }

    private interface Task {
        void run(int k);
    }

    private void parallel(int tasks, Task t) {
        Parallel.map(threads, tasks, k -> {
            t.run(k);
            return null;
        });
    }

    private void say(StringBuilder log, String line) {
        log.append(line).append('\n');
        progress.accept(line);
    }
}
