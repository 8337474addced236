package org.detectgpt.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.detectgpt.DetectGptException;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.data.LabeledText;
import org.detectgpt.ensemble.BigramLm;
import org.detectgpt.ensemble.DistortedNgrams;
import org.detectgpt.ensemble.SparseLogisticRegression;
import org.detectgpt.ensemble.SparseVector;
import org.detectgpt.ensemble.TextHead;
import org.detectgpt.ensemble.TextTokens;
import org.detectgpt.metrics.RocCurve;
import org.detectgpt.text.Whitespace;


/**
 * Measures whether a small {@link DenseMlp} over the English ensemble head's dense features
 * (18 style + 9 bigram-ratio) beats the head's dense logistic regression, under the head's own
 * protocol ({@code HeadFitter}): groups are sources, one held out at a time; the bigram pair is
 * cross-fitted by group; features standardised and clipped to ±8; each model's setting (LR λ,
 * MLP L2) chosen by the mean held-out-group AUROC; each dense score also fused with the sparse
 * distorted n-gram logit (λ fixed at the shipped 5e-5) on the out-of-fold logits. Then every model
 * is refitted on all training texts and scored on each two-class English train-modern
 * {@code validation/} file. Prints markdown tables.
 *
 * <p>Usage: {@code HeadNetworkComparison [--data DIR] [--limit N] [--seed S]}; {@code --limit}
 * takes at most N texts of each label per file, spread evenly over the file (as
 * {@code fit-ensemble --limit}). Run with {@code OMP_NUM_THREADS=1}.
 */
public final class HeadNetworkComparison {
    // the English head's settings (HeadFitter.english())
    private static final int KEPT = 500;
    private static final int BITS = 19;
    private static final int ORDER = 4;
    private static final int LM_WORD_BITS = 18;
    private static final int LM_PAIR_BITS = 21;
    private static final double SPARSE_LAMBDA = 5e-5;
    private static final double[] DENSE_LAMBDAS = {1e-3, 1e-2};
    private static final double[] MLP_L2 = {1e-4, 1e-3};

    private record Text(List<String> tokens, boolean machine, String group, String file) {}

    private HeadNetworkComparison() {}

    /**
     * @param args {@code [--data DIR] [--limit N] [--seed S]}
     */
    public static void main(String[] args) {
        Path data = Path.of("../shared/data");
        int limit = 150;
        long seed = 42;
        try {
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("options come in pairs: --data DIR, --limit N, --seed S");
            }
            for (int i = 0; i < args.length; i += 2) {
                switch (args[i]) {
                    case "--data" -> data = Path.of(args[i + 1]);
                    case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                    case "--seed" -> seed = Long.parseLong(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be positive, got " + limit);
            }
            run(data, limit, seed);
        } catch (NumberFormatException e) {
            System.err.println("head comparison: --limit and --seed take whole numbers (" + e.getMessage() + ")");
            System.exit(2);
        } catch (DetectGptException | UncheckedIOException | IllegalArgumentException e) {
            System.err.println("head comparison: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Path data, int limit, long seed) throws DetectGptException {
        long t0 = System.nanoTime();
        List<Text> train = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Path p : trainModern(data.resolve("train-modern/train"))) {
            load(p, limit, false, seen, train);
        }
        load(data.resolve("eval/hc3-plus/en/train/val_hc3_si.jsonl"), limit, false, seen, train);
        load(data.resolve("eval/mixset/train/Mixset_test.json"), limit, false, seen, train);
        for (String d : List.of("xsum", "squad", "writing")) {
            load(data.resolve("eval/fast-detect-gpt-open/train/" + d + "_gpt2-xl.raw_data.json"), limit, true, seen, train);
        }
        int n = train.size();
        boolean[] y = new boolean[n];
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = train.get(i).machine();
            fold[i] = ids.computeIfAbsent(train.get(i).group(), g -> ids.size());
        }
        int folds = ids.size();
        long machine = train.stream().filter(Text::machine).count();
        say("texts %d (%d human, %d machine), limit %d per label per file, seed %d, groups %s", n, n - machine, machine,
            limit, seed, ids.keySet());

        double[][] raw = new double[n][];
        for (int f = 0; f < folds; f++) {
            BigramLm[] pair = lms(train, fold, f);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    raw[i] = TextHead.denseFeatures(train.get(i).tokens(), pair[0], pair[1], null);
                }
            }
        }
        double[][] mom = moments(raw);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = standardise(raw[i], mom);
        }
        say("cross-fitted dense features: %.0f s", secs(t0));

        // (a) dense logistic regression, λ by mean held-out-group AUROC
        double[] lrOof = null;
        double lrLambda = 0;
        double best = -1;
        for (double lambda : DENSE_LAMBDAS) {
            double[] oof = new double[n];
            for (int f = 0; f < folds; f++) {
                SparseLogisticRegression r = lr(x, y, fold, f, lambda);
                for (int i = 0; i < n; i++) {
                    if (fold[i] == f) {
                        oof[i] = r.logit(vec(x[i]));
                    }
                }
            }
            double m = meanGroupAuroc(oof, y, fold, folds);
            say("dense LR λ=%g: mean held-out AUROC %.4f", lambda, m);
            if (m > best) {
                best = m;
                lrOof = oof;
                lrLambda = lambda;
            }
        }
        say("dense LR done: %.0f s", secs(t0));

        // (b) the MLP, L2 by the same criterion
        double[] mlpOof = null;
        double mlpL2 = 0;
        best = -1;
        for (double l2 : MLP_L2) {
            double[] oof = new double[n];
            StringBuilder ep = new StringBuilder();
            for (int f = 0; f < folds; f++) {
                List<Integer> tr = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (fold[i] != f) {
                        tr.add(i);
                    }
                }
                DenseMlp net = DenseMlp.fit(rows(x, tr), labels(y, tr), DenseMlp.Settings.small(l2, seed));
                ep.append(net.epochs()).append(' ');
                List<Integer> te = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (fold[i] == f) {
                        te.add(i);
                    }
                }
                double[] s = net.logits(rows(x, te));
                for (int k = 0; k < te.size(); k++) {
                    oof[te.get(k)] = s[k];
                }
            }
            double m = meanGroupAuroc(oof, y, fold, folds);
            say("dense MLP L2=%g: mean held-out AUROC %.4f (kept epochs by fold: %s)", l2, m, ep.toString().trim());
            if (m > best) {
                best = m;
                mlpOof = oof;
                mlpL2 = l2;
            }
        }
        say("dense MLP done: %.0f s", secs(t0));

        // (c) the sparse n-gram regression and each fusion
        DistortedNgrams ngrams = DistortedNgrams.fit(train.stream().map(Text::tokens).toList(), KEPT, BITS, ORDER);
        SparseVector[] sx = new SparseVector[n];
        for (int i = 0; i < n; i++) {
            sx[i] = ngrams.vector(train.get(i).tokens());
        }
        double[] sparseOof = new double[n];
        for (int f = 0; f < folds; f++) {
            SparseLogisticRegression r = sparseFit(sx, y, fold, f);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    sparseOof[i] = r.logit(sx[i]);
                }
            }
        }
        double[] fuseLr = fusion(sparseOof, lrOof, y);
        double[] fuseMlp = fusion(sparseOof, mlpOof, y);
        double[] fusedLrOof = fused(fuseLr, sparseOof, lrOof);
        double[] fusedMlpOof = fused(fuseMlp, sparseOof, mlpOof);
        say("sparse and fusions done: %.0f s", secs(t0));

        String[] models = {"dense LR (λ " + fmt(lrLambda) + ")", "dense MLP (L2 " + fmt(mlpL2) + ")", "sparse n-gram LR",
            "sparse + dense LR (shipped head)", "sparse + dense MLP"};
        double[][] oofs = {lrOof, mlpOof, sparseOof, fusedLrOof, fusedMlpOof};
        System.out.println();
        System.out.println("### Leave-one-source-out AUROC (out-of-fold, train/)");
        table(new ArrayList<>(ids.keySet()), models, (g, m) -> groupAuroc(oofs[m], y, fold, ids.get(g)));

        // refit on all training texts, score validation/
        BigramLm[] pair = lms(train, fold, -1);
        SparseLogisticRegression lrAll = lr(x, y, fold, -1, lrLambda);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        DenseMlp mlpAll = DenseMlp.fit(x, y, DenseMlp.Settings.small(mlpL2, seed));
        SparseLogisticRegression sparseAll = sparseFit(sx, y, fold, -1);
        Map<String, double[][]> val = new LinkedHashMap<>();
        Map<String, boolean[]> valY = new LinkedHashMap<>();
        for (Path p : trainModern(data.resolve("train-modern/validation"))) {
            List<Text> v = new ArrayList<>();
            load(p, Integer.MAX_VALUE, false, new java.util.HashSet<>(), v);
            boolean[] vy = new boolean[v.size()];
            double[][] vx = new double[v.size()][];
            double[] vs = new double[v.size()];
            for (int i = 0; i < v.size(); i++) {
                vy[i] = v.get(i).machine();
                vx[i] = standardise(TextHead.denseFeatures(v.get(i).tokens(), pair[0], pair[1], null), mom);
                vs[i] = sparseAll.logit(ngrams.vector(v.get(i).tokens()));
            }
            long vm = v.stream().filter(Text::machine).count();
            if (vm == 0 || vm == v.size()) {
                continue;
            }
            double[] a = new double[v.size()];
            for (int i = 0; i < v.size(); i++) {
                a[i] = lrAll.logit(vec(vx[i]));
            }
            double[] b = mlpAll.logits(vx);
            String name = p.getFileName().toString().replace(".jsonl", "") + " (" + (v.size() - vm) + "/" + vm + ")";
            val.put(name, new double[][] {a, b, vs, fused(fuseLr, vs, a), fused(fuseMlp, vs, b)});
            valY.put(name, vy);
        }
        System.out.println();
        System.out.println("### Validation AUROC per two-class English train-modern file (refitted on all of train/)");
        table(new ArrayList<>(val.keySet()), models, (g, m) -> {
            double[] s = val.get(g)[m];
            boolean[] vy = valY.get(g);
            return auroc(s, vy);
        });
        System.out.printf(Locale.ROOT, "%nwall time %.0f s%n", secs(t0));
    }

    private interface Cell {
        double at(String row, int model);
    }

    private static void table(List<String> rows, String[] models, Cell c) {
        StringBuilder h = new StringBuilder("| held out / file |");
        StringBuilder r = new StringBuilder("|---|");
        for (String m : models) {
            h.append(' ').append(m).append(" |");
            r.append("---|");
        }
        System.out.println(h);
        System.out.println(r);
        double[] sum = new double[models.length];
        int k = 0;
        for (String row : rows) {
            StringBuilder l = new StringBuilder("| " + row + " |");
            boolean ok = true;
            double[] v = new double[models.length];
            for (int m = 0; m < models.length; m++) {
                v[m] = c.at(row, m);
                ok &= !Double.isNaN(v[m]);
                l.append(String.format(Locale.ROOT, " %.4f |", v[m]));
            }
            // a one-class group (fast-detect-gpt-open's human texts) has no AUROC of its own
            if (ok) {
                for (int m = 0; m < models.length; m++) {
                    sum[m] += v[m];
                }
                k++;
                System.out.println(l);
            }
        }
        StringBuilder l = new StringBuilder("| **mean (" + k + ")** |");
        for (double s : sum) {
            l.append(String.format(Locale.ROOT, " **%.4f** |", s / k));
        }
        System.out.println(l);
    }

    private static List<Path> trainModern(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsonl"))
                .filter(p -> !p.getFileName().toString().startsWith("glimpse-zh")
                    && !p.getFileName().toString().startsWith("imbd-zh"))
                .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** At most {@code limit} texts of each label, spread evenly over the file; group = source, else the set's folder. */
    private static void load(Path p, int limit, boolean humanOnly, Set<String> seen, List<Text> out)
            throws DetectGptException {
        EvalDataset d = DatasetReader.read(p);
        String set = d.name().contains("/") ? d.name().substring(0, d.name().indexOf('/')) : d.name();
        for (boolean label : new boolean[] {false, true}) {
            if (humanOnly && label) {
                continue;
            }
            List<LabeledText> of = d.items().stream().filter(t -> t.isMachine() == label).toList();
            int k = Math.min(limit, of.size());
            for (int i = 0; i < k; i++) {
                LabeledText t = of.get((int) ((long) i * of.size() / k));
                String text = Whitespace.collapse(t.text());
                if (seen.add(text)) {
                    out.add(new Text(TextTokens.of(text), t.isMachine(), t.source().isEmpty() ? set : t.source(),
                        p.getFileName().toString()));
                }
            }
        }
    }

    /** The machine/human bigram pair from texts outside fold {@code f} (all texts when f &lt; 0). */
    private static BigramLm[] lms(List<Text> t, int[] fold, int f) {
        List<List<String>> mt = new ArrayList<>();
        List<List<String>> ht = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (fold[i] != f) {
                (t.get(i).machine() ? mt : ht).add(t.get(i).tokens());
            }
        }
        return new BigramLm[] {BigramLm.fit(mt, LM_WORD_BITS, LM_PAIR_BITS), BigramLm.fit(ht, LM_WORD_BITS, LM_PAIR_BITS)};
    }

    private static double[][] moments(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1.0;
        }
        return new double[][] {mean, scale};
    }

    /** As TextHead: z-scores clipped to ±8, non-finite to 0. */
    private static double[] standardise(double[] raw, double[][] mom) {
        double[] z = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            double v = (raw[j] - mom[0][j]) / mom[1][j];
            z[j] = Double.isFinite(v) ? (float) Math.max(-8, Math.min(8, v)) : 0;
        }
        return z;
    }

    private static SparseVector vec(double[] z) {
        int[] idx = new int[z.length];
        float[] val = new float[z.length];
        for (int j = 0; j < z.length; j++) {
            idx[j] = j;
            val[j] = (float) z[j];
        }
        return new SparseVector(idx, val);
    }

    private static SparseLogisticRegression lr(double[][] x, boolean[] y, int[] fold, int f, double lambda) {
        List<SparseVector> tx = new ArrayList<>();
        List<Integer> ti = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (fold[i] != f) {
                tx.add(vec(x[i]));
                ti.add(i);
            }
        }
        return SparseLogisticRegression.fit(tx.toArray(SparseVector[]::new), labels(y, ti), x[0].length, lambda);
    }

    private static SparseLogisticRegression sparseFit(SparseVector[] sx, boolean[] y, int[] fold, int f) {
        List<SparseVector> tx = new ArrayList<>();
        List<Integer> ti = new ArrayList<>();
        for (int i = 0; i < sx.length; i++) {
            if (fold[i] != f) {
                tx.add(sx[i]);
                ti.add(i);
            }
        }
        return SparseLogisticRegression.fit(tx.toArray(SparseVector[]::new), labels(y, ti), 1 << BITS, SPARSE_LAMBDA);
    }

    private static double[] fusion(double[] sparse, double[] dense, boolean[] y) {
        SparseVector[] fx = new SparseVector[y.length];
        for (int i = 0; i < y.length; i++) {
            fx[i] = new SparseVector(new int[] {0, 1}, new float[] {(float) sparse[i], (float) dense[i]});
        }
        SparseLogisticRegression r = SparseLogisticRegression.fit(fx, y, 2, 1e-4);
        return new double[] {r.bias(), r.weights()[0], r.weights()[1]};
    }

    private static double[] fused(double[] c, double[] sparse, double[] dense) {
        double[] out = new double[sparse.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = c[0] + c[1] * sparse[i] + c[2] * dense[i];
        }
        return out;
    }

    private static double[][] rows(double[][] x, List<Integer> idx) {
        return idx.stream().map(i -> x[i]).toArray(double[][]::new);
    }

    private static boolean[] labels(boolean[] y, List<Integer> idx) {
        boolean[] out = new boolean[idx.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = y[idx.get(k)];
        }
        return out;
    }

    private static double groupAuroc(double[] s, boolean[] y, int[] fold, int f) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (fold[i] == f) {
                idx.add(i);
            }
        }
        double[] gs = idx.stream().mapToDouble(i -> s[i]).toArray();
        return auroc(gs, labels(y, idx));
    }

    private static double meanGroupAuroc(double[] s, boolean[] y, int[] fold, int folds) {
        double sum = 0;
        int k = 0;
        for (int f = 0; f < folds; f++) {
            double a = groupAuroc(s, y, fold, f);
            if (!Double.isNaN(a)) {
                sum += a;
                k++;
            }
        }
        return sum / k;
    }

    private static double auroc(double[] s, boolean[] y) {
        double[] h = java.util.stream.IntStream.range(0, s.length).filter(i -> !y[i]).mapToDouble(i -> s[i]).toArray();
        double[] m = java.util.stream.IntStream.range(0, s.length).filter(i -> y[i]).mapToDouble(i -> s[i]).toArray();
        return h.length == 0 || m.length == 0 ? Double.NaN : RocCurve.of(h, m).auroc();
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void say(String f, Object... a) {
        System.err.println(String.format(Locale.ROOT, f, a));
    }
}
