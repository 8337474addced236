package org.detectgpt.stats;

import java.util.ArrayList;
import java.util.List;
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
    static final int BLOCK_FLOATS = 1 << 22;

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
        Args.check(ids.length >= 2, "need at least 2 tokens to score, got %d", ids.length);
        int n = ids.length - 1;
        int width = q == null ? p.vocabSize() : Math.min(p.vocabSize(), q.vocabSize());
        int ctx = q == null ? p.contextLength() : Math.min(p.contextLength(), q.contextLength());
        Args.check(ctx >= 4, "context length %d is too small to window", ctx);
        double[] lp = new double[n];
        int[] rank = new int[n];
        double[] ent = new double[n];
        double[] mu = new double[n];
        double[] var = new double[n];
        double[] cmu = q == null ? null : new double[n];
        double[] cvar = q == null ? null : new double[n];
        int next = 0;
        while (next < n) {
            int start = next == 0 ? 0 : next - ctx / 2;
            int end = Math.min(ids.length, start + ctx);
            int[] window = java.util.Arrays.copyOfRange(ids, start, end);
            HiddenStates hp = p.forward(window);
            HiddenStates hq = q == null ? null : q.forward(window);
            int lastRow = end - 1 - start;
            int firstRow = next - start;
            int pv = p.vocabSize();
            int qv = q == null ? 0 : q.vocabSize();
            int block = Math.max(1, BLOCK_FLOATS / Math.max(pv, qv));
            float[] pl = new float[Math.min(block, lastRow - firstRow) * pv];
            float[] ql = q == null ? null : new float[Math.min(block, lastRow - firstRow) * qv];
            for (int r0 = firstRow; r0 < lastRow; r0 += block) {
                int r1 = Math.min(lastRow, r0 + block);
                p.logits(hp, r0, r1, pl);
                if (q != null) {
                    q.logits(hq, r0, r1, ql);
                }
                int base = r0;
                int offset = start;
                // rows are independent: reduce them on all cores (the reduction is Java, not BLAS)
                IntStream.range(r0, r1).parallel().forEach(r -> {
                    RowStatistics rs = new RowStatistics();
                    int pos = offset + r;
                    int target = ids[pos + 1];
                    Args.check(target < width, "token id %d outside the shared vocabulary (%d)", target, width);
                    rs.compute(pl, (r - base) * pv, ql, (r - base) * qv, width, target);
                    lp[pos] = rs.logprob;
                    rank[pos] = rs.rank;
                    ent[pos] = rs.entropy;
                    mu[pos] = rs.expected;
                    var[pos] = rs.variance;
                    if (q != null) {
                        cmu[pos] = rs.crossExpected;
                        cvar[pos] = rs.crossVariance;
                    }
                });
            }
            next = end - 1;
        }
        return new TokenStatistics(ids, lp, rank, ent, mu, var, cmu, cvar);
    }

    /**
     * Scores several sequences.
     *
     * @param p the scoring model
     * @param q the sampling model, or null
     * @param batch sequences of at least two ids each
     * @return one result per sequence, in order
     */
    public static List<TokenStatistics> scoreAll(CausalLm p, CausalLm q, List<int[]> batch) {
        List<TokenStatistics> out = new ArrayList<>(batch.size());
        for (int[] ids : batch) {
            out.add(score(p, q, ids));
        }
        return out;
    }
}
