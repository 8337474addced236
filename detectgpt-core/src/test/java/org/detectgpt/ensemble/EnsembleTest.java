package org.detectgpt.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.detectgpt.DetectGptException;
import org.detectgpt.metrics.RocCurve;
import org.detectgpt.stats.TokenStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned head's parts, its fitting protocol and its files. */
class EnsembleTest {
    @Test
    void logisticRegressionRecoversAKnownModel() {
        // y ~ Bernoulli(σ(2·x0 − 1·x1 + 0.5)) with balanced classes: weights must come back
        Random r = new Random(1);
        int n = 20000;
        SparseVector[] x = new SparseVector[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            double c = r.nextGaussian();
            x[i] = new SparseVector(new int[] {0, 1, 2}, new float[] {(float) a, (float) b, (float) c});
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(2 * a - b)));
        }
        SparseLogisticRegression m = SparseLogisticRegression.fit(x, y, 3, 0.0);
        assertEquals(2.0, m.weights()[0], 0.1);
        assertEquals(-1.0, m.weights()[1], 0.08);
        assertEquals(0.0, m.weights()[2], 0.06);
        assertEquals(0.0, m.bias(), 0.08);
    }

    @Test
    void regularisationShrinksWeights() {
        SparseVector[] x = new SparseVector[4];
        for (int i = 0; i < 4; i++) {
            x[i] = new SparseVector(new int[] {0}, new float[] {i});
        }
        boolean[] y = {false, false, true, true}; // separable: unregularised weights would diverge
        double strong = SparseLogisticRegression.fit(x, y, 1, 1.0).weights()[0];
        double weak = SparseLogisticRegression.fit(x, y, 1, 0.01).weights()[0];
        assertTrue(strong > 0 && strong < weak, strong + " vs " + weak);
        assertTrue(Float.isFinite((float) weak));
    }

    @Test
    void tokensKeepWordsPunctuationAndSentenceEnds() {
        assertEquals(List.of("it's", "#", "#", ",", "\"", "ok", "\"", "!", "?", "</s>", "中", "文", "。", "</s>"),
            TextTokens.of("It\u2019s 2 42, \u201COK\u201D!? 中文。"));
    }

    @Test
    void distortionKeepsSyntaxNotTopic() {
        DistortedNgrams d = new DistortedNgrams(java.util.Set.of("the", "of", "is", "a", ".", "</s>", ","), 16, 4, null);
        SparseVector a = d.vector(TextTokens.of("The price of bread is a scandal."));
        SparseVector b = d.vector(TextTokens.of("The color of magma is a mystery."));
        SparseVector c = d.vector(TextTokens.of("Bread, the price: scandalous is a."));
        assertEquals(List.of(a.indices().length), List.of(b.indices().length));
        assertEquals(1.0, dot(a, b), 1e-6); // same function words and punctuation in the same places
        assertTrue(dot(a, c) < 0.9);
        assertEquals(1.0, dot(a, a), 1e-6); // unit length (float values)
    }

    private static double dot(SparseVector a, SparseVector b) {
        double[] dense = new double[1 << 16];
        for (int i = 0; i < b.indices().length; i++) {
            dense[b.indices()[i]] = b.values()[i];
        }
        return a.dot(dense);
    }

    @Test
    void bigramModelIsNormalisedAndPrefersSeenPairs() {
        List<List<String>> corpus = List.of(TextTokens.of("the cat sat on the mat."), TextTokens.of("the dog sat."));
        BigramLm lm = BigramLm.fit(corpus, 10, 16);
        int v = BigramLm.id("the", 10);
        double sum = 0;
        for (int w = 0; w < 1 << 10; w++) {
            sum += lm.prob(v, w);
        }
        assertEquals(1.0, sum, 1e-9);
        double[] seen = lm.logProbs(TextTokens.of("the cat sat"));
        double[] unseen = lm.logProbs(TextTokens.of("the sat cat"));
        assertTrue(seen[1] > unseen[1] && seen[2] > unseen[2]);
    }

    @Test
    void styleFeaturesMeasureSentencesAndPunctuation() {
        double[] f = StyleFeatures.of(TextTokens.of("However, I like it. I like it a lot; really."));
        Map<String, Double> m = new java.util.HashMap<>();
        for (int i = 0; i < f.length; i++) {
            m.put(StyleFeatures.NAMES.get(i), f[i]);
        }
        assertEquals(Math.log1p(5), m.get("sentence_mean"), 1e-12); // sentences of 4 and 6 words
        assertEquals(2 / 10.0, m.get("first_person"), 1e-12);
        assertEquals(1 / 10.0, m.get("comma"), 1e-12);
        assertEquals(1 / 10.0, m.get("semicolon_colon"), 1e-12);
        assertEquals(0.5, m.get("transition_openers"), 1e-12);
        assertEquals(0.0, m.get("repeated_openers"), 1e-12);
    }

    /** Texts of two writing habits on shared topics, in three groups (sources). */
    static List<HeadFitter.Sample> synthetic(long seed, int perGroup) {
        Random r = new Random(seed);
        String[] topics = {"garden", "river", "school", "market", "bridge", "library", "harbour", "forest"};
        List<HeadFitter.Sample> out = new ArrayList<>();
        for (String group : List.of("a", "b", "c")) {
            for (int i = 0; i < perGroup; i++) {
                boolean machine = i % 2 == 0;
                StringBuilder t = new StringBuilder();
                for (int s = 0; s < 8; s++) {
                    String topic = topics[r.nextInt(topics.length)];
                    if (machine) {
                        t.append(r.nextBoolean() ? "Moreover, the " : "Additionally, the ").append(topic)
                            .append(" offers a unique blend of history and community. ");
                    } else {
                        t.append(r.nextBoolean() ? "we went to the " : "then the ").append(topic)
                            .append(r.nextBoolean() ? " was shut so we left! " : " - honestly not great. ");
                    }
                }
                out.add(new HeadFitter.Sample(t.toString(), machine, group, null));
            }
        }
        return out;
    }

    @Test
    void headSeparatesHeldOutGroupsAndRoundTrips(@TempDir Path dir) throws Exception {
        List<HeadFitter.Sample> train = synthetic(3, 40);
        HeadFitter.Fit fit = HeadFitter.english().withNgrams(20, 12, 3).withThreads(1).fit(train);
        assertEquals(train.size(), fit.outOfFoldScores().length);
        assertEquals(3, fit.groupAuroc().size());
        fit.groupAuroc().values().forEach(a -> assertTrue(a > 0.95, "held-out group AUROC " + a));
        List<HeadFitter.Sample> test = synthetic(4, 20);
        double[] h = test.stream().filter(s -> !s.machine()).mapToDouble(s -> fit.head().score(s.text(), null)).toArray();
        double[] m = test.stream().filter(HeadFitter.Sample::machine).mapToDouble(s -> fit.head().score(s.text(), null))
            .toArray();
        assertTrue(RocCurve.of(h, m).auroc() > 0.95);

        Ensemble e = new Ensemble(Ensemble.NO_MODEL, "synthetic", "en", fit.head(), "");
        Path f = dir.resolve(Ensemble.FILE_NAME);
        e.write(f, Map.of("note", "test"));
        assertTrue(Files.isRegularFile(dir.resolve(Ensemble.HEAD_FILE_NAME)));
        Ensemble back = Ensemble.read(f);
        for (HeadFitter.Sample s : test) {
            assertEquals(e.score(s.text(), null), back.score(s.text(), null), 1e-6);
        }
        assertTrue(!back.needsStatistics());
    }

    @Test
    void unreadableEnsemblesAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{\"criterion\": \"ensemble\", \"model\": \"m\", \"weights\": [1]}");
        DetectGptException old = assertThrows(DetectGptException.class, () -> Ensemble.read(f));
        assertTrue(old.getMessage().startsWith(f.toString()) && old.getMessage().contains("fit it again"));
        Files.writeString(f, "{\"criterion\": \"ensemble\", \"version\": 2, \"model\": \"m\"}");
        DetectGptException noHead = assertThrows(DetectGptException.class, () -> Ensemble.read(f));
        assertTrue(noHead.getMessage().contains("no such file"), noHead.getMessage());
        Files.writeString(dir.resolve(Ensemble.HEAD_FILE_NAME), "not gzip");
        DetectGptException bad = assertThrows(DetectGptException.class, () -> Ensemble.read(f));
        assertTrue(bad.getMessage().contains("not a detectgpt ensemble head") && !bad.getMessage().contains("\n"));
    }

    static TokenStatistics stats(double[] lp, int[] rank) {
        int n = lp.length;
        double[] ent = new double[n];
        double[] mu = new double[n];
        double[] var = new double[n];
        java.util.Arrays.fill(ent, 2.0);
        java.util.Arrays.fill(mu, -2.0);
        java.util.Arrays.fill(var, 1.0);
        return new TokenStatistics(new int[n + 1], lp, rank, ent, mu, var, null, null, null);
    }

    @Test
    void featuresAreComputedFromTheStatistics() {
        double[] f = Features.of(stats(new double[] {-1, -3}, new int[] {1, 20}));
        assertEquals(Features.NAMES.size(), f.length);
        assertEquals(-2.0, f[0], 1e-12); // likelihood
        assertEquals(-Math.log(20) / 2, f[1], 1e-12); // logrank
        assertEquals(2.0, f[2], 1e-12); // entropy
        assertEquals((-4 - -4) / Math.sqrt(2), f[3], 1e-12); // fast-detectgpt: Σ lp = Σ μ
        assertEquals(0.5, f[7], 1e-12); // one of two tokens in the top 10
        assertEquals(1.0, f[8], 1e-12); // std of {-1, -3}
        assertEquals(-3.0, f[9], 1e-12); // 10th percentile
        assertEquals(Math.log(2), f[10], 1e-12);
    }
    static TokenStatistics pairStats(double[] lpMachine, double[] lpHuman, double[] cross) {
        int n = lpMachine.length;
        double[] ent = new double[n];
        double[] var = new double[n];
        java.util.Arrays.fill(ent, 2.0);
        java.util.Arrays.fill(var, 1.0);
        return new TokenStatistics(new int[n + 1], lpMachine, new int[n], ent, new double[n], var, cross, var,
            lpHuman);
    }

    @Test
    void pairFeaturesAreTheRatioItsSpreadQuantilesAndBinoculars() {
        // d = lpM − lpH = {1, −2, 0.5, 3, 0}: mean 0.5, sorted {−2, 0, 0.5, 1, 3}
        double[] lpM = {-1, -4, -2.5, -1, -3};
        double[] lpH = {-2, -2, -3, -4, -3};
        double[] cross = {-3, -3, -3, -3, -3};
        double[] f = PairFeatures.of(pairStats(lpM, lpH, cross));
        assertEquals(PairFeatures.NAMES.size(), f.length);
        assertEquals(0.5, f[0], 1e-12);
        assertEquals(Math.sqrt((0.25 + 6.25 + 0 + 6.25 + 0.25) / 5), f[1], 1e-12);
        assertEquals(-2.0, f[2], 1e-12); // sorted[floor(0.1·4)] = sorted[0]
        assertEquals(0.5, f[3], 1e-12); // sorted[2]
        assertEquals(1.0, f[4], 1e-12); // sorted[floor(3.6)] = sorted[3]
        assertEquals(-2.3, f[5], 1e-12);
        assertEquals(-2.8, f[6], 1e-12);
        assertEquals(-2.3 / 3, f[7], 1e-12); // −logppl_M / x = −2.3 / 3
        assertEquals(new org.detectgpt.criterion.LikelihoodRatio().score(pairStats(lpM, lpH, cross)), f[0], 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PairFeatures.of(stats(lpM, new int[5])));
        assertTrue(e.getMessage().contains("human-side model"), e.getMessage());
    }

    @Test
    void aPairHeadReadsTheFeaturesItWasFittedWithAndRoundTrips(@TempDir Path dir) throws Exception {
        // the style of the synthetic texts is made uninformative by shuffling labels within a group,
        // so that only the pair features (a ratio drawn higher for machine texts) can separate them
        List<HeadFitter.Sample> base = synthetic(5, 60);
        Random r = new Random(9);
        List<HeadFitter.Sample> train = new ArrayList<>();
        for (HeadFitter.Sample s : base) {
            boolean machine = r.nextBoolean();
            double ratio = (machine ? 0.6 : -0.6) + r.nextGaussian() * 0.4;
            train.add(new HeadFitter.Sample(s.text(), machine, s.group(),
                new double[] {ratio, 1.5, ratio - 2, ratio, ratio + 2, -3 + ratio / 2, -3 - ratio / 2, -0.8 + ratio / 10}));
        }
        HeadFitter f = HeadFitter.english().withNgrams(20, 12, 3).withThreads(1);
        assertThrows(IllegalArgumentException.class, () -> f.fit(train)); // features given, block NONE
        HeadFitter.Fit fit = f.fit(train, TextHead.ModelBlock.PAIR);
        fit.groupAuroc().values().forEach(a -> assertTrue(a > 0.9, "held-out group AUROC " + a));
        assertEquals(TextHead.ModelBlock.PAIR, fit.head().modelBlock());

        Ensemble e = new Ensemble("m+h", "synthetic", "en", fit.head(), "");
        assertTrue(e.needsStatistics() && e.usesSamplingModel());
        Path file = dir.resolve(Ensemble.FILE_NAME);
        e.write(file, Map.of());
        Ensemble back = Ensemble.read(file);
        assertEquals(TextHead.ModelBlock.PAIR, back.head().modelBlock());
        TokenStatistics machineLike = pairStats(new double[] {-1, -1.5, -2}, new double[] {-2, -2.5, -2.5},
            new double[] {-3, -3, -3});
        TokenStatistics humanLike = pairStats(new double[] {-2, -2.5, -2.5}, new double[] {-1, -1.5, -2},
            new double[] {-3, -3, -3});
        String text = train.get(0).text();
        assertEquals(e.score(text, machineLike), back.score(text, machineLike), 1e-6);
        assertTrue(back.score(text, machineLike) > back.score(text, humanLike));
        assertThrows(IllegalArgumentException.class, () -> back.score(text, null));
    }

    @Test
    void headsOfTheFirstFormatStillRead() throws Exception {
        // format 1 (the shipped Chinese head) differs only in its version and a boolean where
        // format 2 has the block's ordinal: patch a written head into format 1 and read it back
        HeadFitter.Fit fit = HeadFitter.english().withNgrams(20, 12, 3).withThreads(1).fit(synthetic(3, 20));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        fit.head().write(out);
        byte[] raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(out.toByteArray())).readAllBytes();
        java.nio.ByteBuffer.wrap(raw).putInt(4, 1);
        TextHead v1 = TextHead.read(new java.io.ByteArrayInputStream(gzip(raw)));
        assertEquals(TextHead.ModelBlock.NONE, v1.modelBlock());
        String text = synthetic(4, 2).get(0).text();
        assertEquals(fit.head().score(text, null), v1.score(text, null), 1e-12);
        java.nio.ByteBuffer.wrap(raw).putInt(4, 3);
        java.io.IOException newer = assertThrows(java.io.IOException.class,
            () -> TextHead.read(new java.io.ByteArrayInputStream(gzip(raw))));
        assertTrue(newer.getMessage().contains("version 3"), newer.getMessage());
    }

    private static byte[] gzip(byte[] raw) throws java.io.IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(b)) {
            g.write(raw);
        }
        return b.toByteArray();
    }
}
