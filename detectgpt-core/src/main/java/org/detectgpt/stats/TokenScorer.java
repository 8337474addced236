package org.detectgpt.stats;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.HiddenStates;
import org.detectgpt.util.Args;

/**
 * Runs a scoring model p (and optionally a sampling model q with the same tokenizer) over a token
 * sequence and reduces every logits row to {@link TokenStatistics} as soon as it is produced:
 * logits are computed in blocks of at most ~{@value #BLOCK_FLOATS} floats, never as a whole
 * {@code [T × V]} array.
 *
 * <p><b>Long sequences.</b> With context C (the smaller of the two models'), a sequence of at most
 * C tokens is scored in one pass. A longer one is scored in windows of C tokens: the first window
 * scores every position it holds; each further window starts ⌊C/2⌋ tokens before the first
 * position not yet scored and scores from there to its end. So every token is scored exactly once,
 * and every token after the first window is predicted from at least ⌊C/2⌋ tokens of left context.
 *
 * <p><b>Vocabularies.</b> When p and q have logits rows of different widths (e.g. GPT-J's padded
 * 50,400 against GPT-Neo's 50,257), both are cut to the smaller width before the softmax, as the
 * Fast-DetectGPT reference code does.
 *
 * <p>Stateless; safe to use from several threads as long as the models are.
 */
public final class TokenScorer {
    /**
     * Most logits in one block (32 MB): a 500-word essay's 761 scored rows of the shipped model's
     * 8,257-wide head in one product, 1.07× faster per essay than blocks of 508 and 253 rows.
     */
    static final int BLOCK_FLOATS = 1 << 23;
    /**
     * Most rows run through a model in one packed pass: enough for the windows of a 1,000-token
     * text of a small model (a 500-word essay is 1,274 rows in the shipped model's windows of 256)
     * per set of products, while the activations of the widest layer stay tens of MB.
     */
    static final int PACK_ROWS = 2048;

    private TokenScorer() {}

    /**
     * @param p the scoring model
     * @param ids at least two token ids
     * @return statistics of positions 0 … ids.length − 2
     */
    public static TokenStatistics score(CausalLm p, int[] ids) {
        return score(p, null, ids);
    }

    /**
     * @param p the scoring model
     * @param q the sampling model, or null
     * @param ids at least two token ids
     * @return statistics of positions 0 … ids.length − 2, with cross statistics when q is given
     */
    public static TokenStatistics score(CausalLm p, CausalLm q, int[] ids) {
        // the text's own windows packed (1.15× faster for a 500-word essay than a pass per window,
        // benchmarks/README.md): its statistics depend on the text alone, never on other texts
        return scoreAll(p, q, List.of(ids), PACK_ROWS).get(0);
    }

    /**
     * Scores several sequences, their windows run through each model in packs of up to
     * {@value #PACK_ROWS} rows ({@link CausalLm#forwardAll}: one set of matrix products per pack).
     * Each result equals {@link #score}'s for that sequence up to float rounding.
     *
     * @param p the scoring model
     * @param q the sampling model, or null
     * @param batch sequences of at least two ids each
     * @return one result per sequence, in order
     */
    public static List<TokenStatistics> scoreAll(CausalLm p, CausalLm q, List<int[]> batch) {
        return scoreAll(p, q, batch, PACK_ROWS);
    }

    /**
     * @param packRows most rows per pass (a window longer than that still gets its own pass)
     */
    private static List<TokenStatistics> scoreAll(CausalLm p, CausalLm q, List<int[]> batch, int packRows) {
        int ctx = q == null ? p.contextLength() : Math.min(p.contextLength(), q.contextLength());
        Args.check(ctx >= 4, "context length %d is too small to window", ctx);
        List<Acc> accs = new ArrayList<>(batch.size());
        List<Window> windows = new ArrayList<>();
        // a repeated sequence is scored once: the same ids get the very same statistics, not ones
        // that differ in the last bits with where the rows sat in the pack
        Map<IntBuffer, Acc> distinct = new HashMap<>();
        for (int[] ids : batch) {
            Args.check(ids.length >= 2, "need at least 2 tokens to score, got %d", ids.length);
            Acc seen = distinct.get(IntBuffer.wrap(ids));
            if (seen != null) {
                accs.add(seen);
                continue;
            }
            Acc a = new Acc(ids, q != null);
            distinct.put(IntBuffer.wrap(ids), a);
            accs.add(a);
            int n = ids.length - 1;
            int next = 0;
            while (next < n) {
                int start = next == 0 ? 0 : next - ctx / 2;
                int end = Math.min(ids.length, start + ctx);
                windows.add(new Window(a, start, end, next - start));
                next = end - 1;
            }
        }
        for (int w0 = 0; w0 < windows.size(); ) {
            int w1 = w0;
            int rows = 0;
            while (w1 < windows.size() && (w1 == w0 || rows + windows.get(w1).length() <= packRows)) {
                rows += windows.get(w1++).length();
            }
            List<Window> pack = windows.subList(w0, w1);
            List<int[]> seqs = new ArrayList<>(pack.size());
            for (Window w : pack) {
                seqs.add(Arrays.copyOfRange(w.acc().ids, w.start(), w.end()));
            }
            List<HiddenStates> hp = p.forwardAll(seqs);
            List<HiddenStates> hq = q == null ? null : q.forwardAll(seqs);
            reduce(p, q, pack, hp, hq);
            w0 = w1;
        }
        Map<Acc, TokenStatistics> made = new IdentityHashMap<>();
        List<TokenStatistics> out = new ArrayList<>(accs.size());
        for (Acc a : accs) {
            out.add(made.computeIfAbsent(a,
                x -> new TokenStatistics(x.ids, x.lp, x.rank, x.ent, x.mu, x.var, x.cmu, x.cvar, x.qlp)));
        }
        return out;
    }

    /** Rows of one sequence's window: ids {@code [start, end)}, scored from row {@code firstRow}. */
    private record Window(Acc acc, int start, int end, int firstRow) {
        int length() {
            return end - start;
        }

        /** @return the end of its scored rows: the last row predicts a token past the window */
        int lastRow() {
            return end - 1 - start;
        }

        int scored() {
            return lastRow() - firstRow;
        }
    }

    /** The statistics of one sequence, filled window by window. */
    private static final class Acc {
        final int[] ids;
        final double[] lp;
        final int[] rank;
        final double[] ent;
        final double[] mu;
        final double[] var;
        final double[] cmu;
        final double[] cvar;
        final double[] qlp;

        Acc(int[] ids, boolean cross) {
            int n = ids.length - 1;
            this.ids = ids;
            lp = new double[n];
            rank = new int[n];
            ent = new double[n];
            mu = new double[n];
            var = new double[n];
            cmu = cross ? new double[n] : null;
            cvar = cross ? new double[n] : null;
            qlp = cross ? new double[n] : null;
        }
    }

    /**
     * Projects the scored rows of a pack's windows through the head(s), in blocks of rows taken
     * across the windows (a product over more rows runs nearer sgemm's peak: the windows' 127–255
     * rows at 145–200 GFLOP/s), and reduces each row.
     */
    private static void reduce(CausalLm p, CausalLm q, List<Window> pack, List<HiddenStates> hp,
            List<HiddenStates> hq) {
        int width = q == null ? p.vocabSize() : Math.min(p.vocabSize(), q.vocabSize());
        int pv = p.vocabSize();
        int qv = q == null ? 0 : q.vocabSize();
        // every scored row as (window, row in it)
        int total = 0;
        for (Window w : pack) {
            total += w.scored();
        }
        int[] win = new int[total];
        int[] row = new int[total];
        for (int i = 0, k = 0; i < pack.size(); i++) {
            for (int r = pack.get(i).firstRow(); r < pack.get(i).lastRow(); r++, k++) {
                win[k] = i;
                row[k] = r;
            }
        }
        int block = Math.max(1, Math.min(total, BLOCK_FLOATS / Math.max(pv, qv)));
        float[] pl = new float[block * pv];
        float[] ql = q == null ? null : new float[block * qv];
        for (int k0 = 0; k0 < total; k0 += block) {
            int k1 = Math.min(total, k0 + block);
            p.logits(gather(hp, win, row, k0, k1), 0, k1 - k0, pl);
            if (q != null) {
                q.logits(gather(hq, win, row, k0, k1), 0, k1 - k0, ql);
            }
            int base = k0;
            // rows are independent: reduce them on all cores (the reduction is Java, not BLAS)
            IntStream.range(k0, k1).parallel().forEach(k -> {
                Window w = pack.get(win[k]);
                Acc a = w.acc();
                RowStatistics rs = new RowStatistics();
                int pos = w.start() + row[k];
                int target = a.ids[pos + 1];
                Args.check(target < width, "token id %d outside the shared vocabulary (%d)", target, width);
                rs.compute(pl, (k - base) * pv, ql, (k - base) * qv, width, target);
                a.lp[pos] = rs.logprob;
                a.rank[pos] = rs.rank;
                a.ent[pos] = rs.entropy;
                a.mu[pos] = rs.expected;
                a.var[pos] = rs.variance;
                if (q != null) {
                    a.cmu[pos] = rs.crossExpected;
                    a.cvar[pos] = rs.crossVariance;
                    a.qlp[pos] = rs.samplingLogprob;
                }
            });
        }
    }

    /** @return hidden rows {@code row[k]} of windows {@code win[k]} for k in [k0, k1), stacked */
    private static HiddenStates gather(List<HiddenStates> h, int[] win, int[] row, int k0, int k1) {
        int d = h.get(0).width();
        float[] out = new float[(k1 - k0) * d];
        for (int k = k0; k < k1; k++) {
            System.arraycopy(h.get(win[k]).data(), row[k] * d, out, (k - k0) * d, d);
        }
        return new HiddenStates(out, k1 - k0, d);
    }
}
