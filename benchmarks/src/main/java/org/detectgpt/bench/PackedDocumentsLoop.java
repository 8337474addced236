package org.detectgpt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.detectgpt.criterion.FastDetectGpt;
import org.detectgpt.model.CausalLm;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.text.Whitespace;

/**
 * Whether scoring documents together pays: Fast-DetectGPT with the shipped English model on a
 * folder's .txt files, each document's windows in passes of their own ({@link TokenScorer#score},
 * what {@code scan} does) against eight documents' windows packed into shared passes
 * ({@link TokenScorer#scoreAll}, what {@code eval} does), alternating within one JVM (this shared
 * host's speed drifts): {@code java --add-modules jdk.incubator.vector -cp
 * benchmarks/target/benchmarks.jar org.detectgpt.bench.PackedDocumentsLoop FOLDER ROUNDS}. Prints
 * each round's seconds, the medians' ratio, and the largest score difference between the two.
 */
public final class PackedDocumentsLoop {
    private PackedDocumentsLoop() {}

    /**
     * @param a the folder of .txt documents, then the number of rounds
     * @throws Exception if the model or a document cannot be read
     */
    public static void main(String[] a) throws Exception {
        CausalLm m = BenchInputs.model("detectgpt-en");
        List<int[]> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(a[0]))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                docs.add(m.tokenizer().encodeIds(Whitespace.collapse(Files.readString(f))));
            }
        }
        int rounds = Integer.parseInt(a[1]);
        FastDetectGpt fd = new FastDetectGpt();
        double[] alone = new double[docs.size()];
        double[] packed = new double[docs.size()];
        alone(m, fd, docs, alone);
        packed(m, fd, docs, packed); // warm-up of both paths
        double diff = 0;
        for (int i = 0; i < docs.size(); i++) {
            diff = Math.max(diff, Math.abs(alone[i] - packed[i]));
        }
        double[] one = new double[rounds];
        double[] eight = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            one[r] = alone(m, fd, docs, alone);
            eight[r] = packed(m, fd, docs, packed);
            System.out.printf("round %d: own passes %.3f s, packed by 8 %.3f s%n", r + 1, one[r], eight[r]);
        }
        Arrays.sort(one);
        Arrays.sort(eight);
        System.out.printf("%d documents, %d tokens: median own passes %.3f s, packed by 8 %.3f s: %.2fx; "
            + "largest score difference %.2e%n", docs.size(), docs.stream().mapToInt(d -> d.length).sum(),
            one[rounds / 2], eight[rounds / 2], one[rounds / 2] / eight[rounds / 2], diff);
    }

    private static double alone(CausalLm m, FastDetectGpt fd, List<int[]> docs, double[] scores) {
        long t0 = System.nanoTime();
        for (int i = 0; i < docs.size(); i++) {
            scores[i] = fd.score(TokenScorer.score(m, docs.get(i)));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double packed(CausalLm m, FastDetectGpt fd, List<int[]> docs, double[] scores) {
        long t0 = System.nanoTime();
        for (int i = 0; i < docs.size(); i += 8) {
            List<TokenStatistics> s = TokenScorer.scoreAll(m, null, docs.subList(i, Math.min(docs.size(), i + 8)));
            for (int k = 0; k < s.size(); k++) {
                scores[i + k] = fd.score(s.get(k));
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
