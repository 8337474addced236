package org.detectgpt.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;

/**
 * detectgpt's side of {@code benchmarks/compare-pytorch.sh}: the same statistics as
 * {@code benchmarks/pytorch/fast_stats.py}, on the same checkpoint and ids, timed the same way.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.detectgpt.bench.TorchRace MODEL_DIR RUNS STATS.bin</pre>
 *
 * <p>Batch 1 scores one 512-token sequence per call (cycling over the eight); batch 8 scores all
 * eight per call through {@link TokenScorer#scoreAll}. One warm-up call each, then the median of
 * RUNS calls. Prints one JSON line per batch size; writes the batch-8 statistics as float64 little
 * endian {@code [8][511][5]} = (logprob, rank, entropy, μ, σ²), the layout the script compares.
 */
public final class TorchRace {
    private TorchRace() {}

    /**
     * @param args model folder, number of timed runs, output file
     * @throws Exception on a bad model or an I/O failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: TorchRace MODEL_DIR RUNS STATS.bin");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        CausalLm model = ModelLoader.load(dir);
        List<int[]> seqs = readIds(dir.resolve("ids.bin"), 8);
        List<TokenStatistics> last = null;
        for (int batch : new int[] {1, 8}) {
            call(model, seqs, batch, 0);
            double[] secs = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                last = call(model, seqs, batch, r);
                secs[r] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(secs);
            double med = runs % 2 == 1 ? secs[runs / 2] : (secs[runs / 2 - 1] + secs[runs / 2]) / 2;
            int tokens = batch * seqs.get(0).length;
            System.out.printf(Locale.ROOT,
                "{\"engine\": \"detectgpt\", \"mode\": \"batch%d\", \"tokens\": %d, \"runs\": %d, \"median_s\": %.4f, "
                    + "\"tokens_per_s\": %.1f}%n", batch, tokens, runs, med, tokens / med);
        }
        write(Path.of(args[2]), last);
    }

    private static List<TokenStatistics> call(CausalLm model, List<int[]> seqs, int batch, int run) {
        if (batch == 1) {
            return List.of(TokenScorer.score(model, seqs.get(run % seqs.size())));
        }
        return TokenScorer.scoreAll(model, null, seqs);
    }

    private static List<int[]> readIds(Path file, int rows) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int len = b.remaining() / 4 / rows;
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int[] ids = new int[len];
            for (int i = 0; i < len; i++) {
                ids[i] = b.getInt();
            }
            out.add(ids);
        }
        return out;
    }

    private static void write(Path file, List<TokenStatistics> stats) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            for (TokenStatistics s : stats) {
                for (int i = 0; i < s.size(); i++) {
                    for (double v : new double[] {s.logprob()[i], s.rank()[i], s.entropy()[i],
                        s.expectedLogprob()[i], s.varianceLogprob()[i]}) {
                        out.write(b.clear().putDouble(v).array());
                    }
                }
            }
        }
    }
}
