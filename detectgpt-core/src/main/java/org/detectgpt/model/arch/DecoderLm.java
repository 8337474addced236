package org.detectgpt.model.arch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.Decoding;
import org.detectgpt.model.HiddenStates;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.tokenize.Tokenizer;
import org.detectgpt.util.Args;

/**
 * What every decoder-only architecture shares: identity, tokenizer, input checks, and the output
 * head that turns hidden rows into logits, and running several sequences (or cached decoding
 * states) as one {@link Pack}. Subclasses implement the transformer stack over a pack.
 */
abstract class DecoderLm implements CausalLm {
    private final ModelInfo info;
    private final Tokenizer tokenizer;
    private final int contextLength;
    private final Linear head;

    DecoderLm(ModelInfo info, Tokenizer tokenizer, int contextLength, Linear head) {
        this.info = info;
        this.tokenizer = tokenizer;
        this.contextLength = contextLength;
        this.head = head;
    }

    @Override
    public final ModelInfo info() {
        return info;
    }

    @Override
    public final Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public final int vocabSize() {
        return head.out();
    }

    @Override
    public final int contextLength() {
        return contextLength;
    }

    @Override
    public final HiddenStates forward(int[] ids) {
        return run(List.of(ids), new KvCache[1]).get(0);
    }

    @Override
    public final List<HiddenStates> forwardAll(List<int[]> batch) {
        return packs() ? run(batch, new KvCache[batch.size()]) : CausalLm.super.forwardAll(batch);
    }

    @Override
    public final Decoding startDecoding() {
        return packs() ? new KvCache(this) : CausalLm.super.startDecoding();
    }

    @Override
    public final List<HiddenStates> appendAll(List<? extends Decoding> states, List<int[]> ids) {
        if (!packs()) {
            return CausalLm.super.appendAll(states, ids);
        }
        Args.check(states.size() == ids.size(), "%d states, %d id lists", states.size(), ids.size());
        KvCache[] caches = new KvCache[states.size()];
        Set<KvCache> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < caches.length; i++) {
            Args.check(states.get(i) instanceof KvCache c && c.model() == this && seen.add(c),
                "state %d was not started by %s, or appears twice", i, info.name());
            caches[i] = (KvCache) states.get(i);
        }
        return run(ids, caches);
    }

    /** Checks the sequences, runs them as one {@link Pack}, and advances the caches. */
    private List<HiddenStates> run(List<int[]> batch, KvCache[] caches) {
        int n = batch.size();
        int v = vocabSize();
        int[] offset = new int[n];
        int[] rows = new int[n];
        int total = 0;
        for (int b = 0; b < n; b++) {
            int[] ids = batch.get(b);
            int before = caches[b] == null ? 0 : caches[b].length();
            Args.check(ids.length > 0, "cannot run %s on an empty sequence", info.name());
            Args.check(before + ids.length <= contextLength, "%d tokens exceed the context of %s (%d)",
                before + ids.length, info.name(), contextLength);
            for (int id : ids) {
                Args.check(id >= 0 && id < v, "token id %d outside the vocabulary of %s (%d)", id, info.name(), v);
            }
            offset[b] = total;
            rows[b] = ids.length;
            total += ids.length;
        }
        int[] all = new int[total];
        for (int b = 0; b < n; b++) {
            System.arraycopy(batch.get(b), 0, all, offset[b], rows[b]);
        }
        float[] h = hidden(new Pack(all, offset, rows, caches));
        int w = head.in();
        List<HiddenStates> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            if (caches[b] != null) {
                caches[b].advance(rows[b]);
            }
            out.add(n == 1 ? new HiddenStates(h, rows[b], w)
                : new HiddenStates(Arrays.copyOfRange(h, offset[b] * w, (offset[b] + rows[b]) * w), rows[b], w));
        }
        return out;
    }

    /**
     * @return whether {@link #hidden} takes packs of several sequences and caches; if not, it is
     *     given one sequence at a time without a cache, and decoding recomputes
     */
    boolean packs() {
        return true;
    }

    /**
     * @param pack checked sequences within the context, stacked
     * @return final-normalised hidden states of the pack's rows, row-major {@code [rows × hidden]}
     */
    abstract float[] hidden(Pack pack);

    @Override
    public final void logits(HiddenStates hidden, int from, int to, float[] out) {
        Args.check(0 <= from && from <= to && to <= hidden.rows(), "rows [%d, %d) of %d", from, to, hidden.rows());
        int w = hidden.width();
        // all rows (TokenScorer gathers its scored rows first): the head reads them where they are
        float[] rows = from == 0 && to == hidden.rows() ? hidden.data()
            : Arrays.copyOfRange(hidden.data(), from * w, to * w);
        head.applyInto(rows, to - from, out);
    }

    /** Gathers embedding rows: {@code [T × d]}. */
    static float[] embed(float[] table, int d, int[] ids) {
        float[] x = new float[ids.length * d];
        for (int t = 0; t < ids.length; t++) {
            System.arraycopy(table, ids[t] * d, x, t * d, d);
        }
        return x;
    }

    /** {@code x += y}, element-wise. */
    static void addInPlace(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }
}
