package org.detectgpt.perturb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.Decoding;
import org.detectgpt.model.HiddenStates;
import org.detectgpt.model.Sampler;
import org.detectgpt.tokenize.Tokenizer;
import org.detectgpt.util.Args;

/**
 * The built-in mask filler, used when no T5 model is given: it resamples each masked span from
 * the causal scoring model itself, so detectgpt can perturb offline with nothing but the model it
 * scores with.
 *
 * <p>For a masked text with spans s = 1 … S of w words each, {@code candidates} times (rounds):
 * <ol>
 *   <li>the spans are visited in order; each gets a candidate sampled at temperature 1 from the
 *       model given its left context — the text before it, with the earlier spans holding this
 *       round's (finished) candidates — token by token, until the candidate would start word w + 1
 *       (or reaches 3w + 2 tokens, or an end-of-sequence token): so a candidate has about as many
 *       words as the span;</li>
 *   <li>each candidate is scored by how well it fits its right context: the log-probability of
 *       the next {@code rightWords} original words (fewer if another span comes first),
 *       {@code Σ log p(right | left, candidate)}, read as the original words after it are.</li>
 * </ol>
 * Each span keeps its best-fitting candidate. A text is read through the model's key/value cache
 * ({@link CausalLm#startDecoding()}): each sampled token and each stretch of original words costs
 * only its own positions, and every round goes back to the cached left context. All texts of a
 * {@link #fill} call advance in lockstep, their steps run as one pass ({@link CausalLm#appendAll}).
 * Texts longer than the model's context are filled in groups of spans, each with at most
 * {@code contextTokens} tokens of left context.
 *
 * <p>How it differs from T5 (what DetectGPT used): T5 reads the whole masked text, both sides of
 * every span, and writes all fills jointly; it is a different model from the scoring model, which
 * is what lets DetectGPT compare the scoring model's log-probability of the text with that of
 * "nearby" texts that model did not choose. This filler sees only the left context when it
 * samples, approximates the right-hand side by reranking a few samples (each span judged with the
 * other spans holding the same round's candidates), and draws from the scoring model itself, so
 * its fills are typical of that model: a machine text's words, already typical, lose little
 * log-probability when replaced, while a human text's rarer words tend to be replaced by likelier
 * ones — the curvature DetectGPT measures, only measured with the same model on both sides. It
 * never fails to return a fill (no retries). Expect it to separate differently from T5, and prefer
 * T5 ({@code --mask-filler}) for results comparable with the paper.
 *
 * <p>Immutable and thread-safe.
 */
public final class CausalFiller implements MaskFiller {
    /**
     * Most texts filled at once. Each holds a cache of {@code 2 × layers × kv width × 4} bytes per
     * position (2 KB for the shipped English model, 600 KB for GPT-2 XL) over up to the model's
     * context. On the shipped model a position read cost 1.0–1.3 ms with 10 texts in flight and
     * 0.9 ms with 100 (loaded 2-core machine): larger waves buy little.
     */
    private static final int MAX_LANES = 16;
    /** Most rows read in one pass over the model (the texts' left contexts can be long). */
    private static final int PACK_ROWS = 1024;
    /** Most logits floats projected at once. */
    private static final int BLOCK_FLOATS = 1 << 22;

    private final CausalLm model;
    private final int candidates;
    private final int rightWords;
    private final int contextTokens;
    private final Sampler sampler = Sampler.defaults();
    /** Per token id, whether it begins a new word; computed on first use. */
    private volatile boolean[] wordStarts;

    private CausalFiller(CausalLm model, int candidates, int rightWords, int contextTokens) {
        this.model = Args.notNull(model, "model");
        this.candidates = Args.positive(candidates, "candidates");
        this.rightWords = Args.nonNegative(rightWords, "rightWords");
        this.contextTokens = Args.positive(contextTokens, "contextTokens");
    }

    /**
     * @return a filler with 1 candidate per span (no reranking), 4 words of right context (used
     *     from 2 candidates on) and 256 tokens of left context. One candidate, not four: each
     *     round re-reads the text, and on the shipped English model, DetectGPT@10 with one
     *     candidate separated the first 300 texts of HC3-Plus en validation better (AUROC 0.956
     *     against 0.899), stories260K's white-box set equally (1.000) and three GPT-2-era
     *     fast-detect-gpt-open files a little worse (mean 0.606 against 0.630), at 2.3–2.8× the
     *     speed ({@code benchmarks/README.md})
     */
    public static CausalFiller of(CausalLm model) {
        return new CausalFiller(model, 1, 4, 256);
    }

    /** @return a copy sampling {@code k} candidates per span */
    public CausalFiller withCandidates(int k) {
        return new CausalFiller(model, k, rightWords, contextTokens);
    }

    /** @return a copy judging candidates by the {@code n} words after the span */
    public CausalFiller withRightWords(int n) {
        return new CausalFiller(model, candidates, n, contextTokens);
    }

    /** @return a copy conditioning a group of spans on at most {@code n} tokens before it */
    public CausalFiller withContextTokens(int n) {
        return new CausalFiller(model, candidates, rightWords, n);
    }

    @Override
    public String name() {
        return "builtin(" + model.info().name() + ", " + candidates + " candidates, " + rightWords + " right words)";
    }

    /** @return no limit: the filler needs no sentinel tokens */
    @Override
    public int maxMasks() {
        return Integer.MAX_VALUE;
    }

    @Override
    public List<List<String>> fill(List<MaskedText> batch, List<? extends RandomGenerator> rngs) {
        Args.check(batch.size() == rngs.size(), "%d texts, %d generators", batch.size(), rngs.size());
        Call call = new Call();
        List<Call.Lane> lanes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            lanes.add(call.new Lane(batch.get(i), rngs.get(i)));
        }
        // texts in flight each hold a key/value cache of up to the model's context: run them in
        // waves, so that memory stays bounded for large models and many perturbations
        for (int from = 0; from < lanes.size(); from += MAX_LANES) {
            call.run(lanes.subList(from, Math.min(lanes.size(), from + MAX_LANES)));
        }
        List<List<String>> out = new ArrayList<>(batch.size());
        for (Call.Lane l : lanes) {
            out.add(List.of(l.fills));
        }
        return out;
    }

    /**
     * A group of consecutive spans filled in one sequence: {@code left}, then for each span its
     * candidate and the segment after it ({@code segments[s]}; for the last span, only its right
     * context).
     */
    private record Group(int first, int[] left, int[][] segments, int[] rightTokens) {}

    /**
     * @return per token id, whether the token begins a new word: decoded after a word, it adds
     *     whitespace first ({@code " the"}, not {@code "s"} or {@code "."}). A candidate's first
     *     token must, since the fill replaces whole words.
     */
    private boolean[] wordStarts() {
        boolean[] w = wordStarts;
        if (w == null) {
            Tokenizer tok = model.tokenizer();
            int[] anchor = tok.encodeIds("a");
            int a = anchor[anchor.length - 1 - (tok.eosId().isPresent() && anchor.length > 1
                && anchor[anchor.length - 1] == tok.eosId().getAsInt() ? 1 : 0)];
            String base = tok.piece(a);
            w = new boolean[model.vocabSize()];
            for (int t = 0; t < w.length && t < tok.vocabSize(); t++) {
                String s = tok.decode(new int[] {a, t});
                w[t] = s.length() > base.length() && s.startsWith(base) && Character.isWhitespace(s.charAt(base.length()))
                    && !s.substring(base.length()).isBlank();
            }
            boolean any = false;
            for (boolean b : w) {
                any |= b;
            }
            if (!any) {
                Arrays.fill(w, true); // a vocabulary without visible word boundaries: no constraint
            }
            wordStarts = w;
        }
        return w;
    }

    /**
     * @return the most tokens a candidate for w words gets: a round lasts as long as its longest
     *     candidate, and with small vocabularies (stories260K's 512 tokens) a rare word can take
     *     many tokens
     */
    static int maxTokens(int w) {
        return 3 * w + 2;
    }

    /** What a lane asks of the model: read {@code ids}, and give the logits of these rows of them. */
    private record Request(int[] ids, int[] rows) {}

    /** The state of one {@link #fill} call: tokenizations shared by its texts, and the loop that drives them. */
    private final class Call {
        private final Tokenizer tok = model.tokenizer();
        private final int vocab = model.vocabSize();
        private final boolean[] starts = wordStarts();
        private final OptionalInt start = tok.bosId().isPresent() ? tok.bosId() : tok.eosId();
        private final Map<String, int[]> encoded = new HashMap<>();

        /**
         * Advances all texts in lockstep: each step, every unfinished text reads its next ids
         * (mostly one sampled token) and the steps of all texts run as one pass over the model
         * ({@link CausalLm#appendAll}, in packs of at most {@value #PACK_ROWS} rows) and one
         * output-head product per block of requested rows.
         */
        void run(List<Lane> lanes) {
            List<Lane> active = new ArrayList<>();
            List<Request> requests = new ArrayList<>();
            for (Lane l : lanes) {
                Request r = l.advance();
                if (r != null) {
                    active.add(l);
                    requests.add(r);
                }
            }
            while (!active.isEmpty()) {
                List<Lane> nextActive = new ArrayList<>();
                List<Request> nextRequests = new ArrayList<>();
                for (int a0 = 0; a0 < active.size(); ) {
                    int a1 = a0;
                    int rows = 0;
                    while (a1 < active.size() && (a1 == a0 || rows + requests.get(a1).ids().length <= PACK_ROWS)) {
                        rows += requests.get(a1++).ids().length;
                    }
                    List<Decoding> states = new ArrayList<>(a1 - a0);
                    List<int[]> ids = new ArrayList<>(a1 - a0);
                    for (int a = a0; a < a1; a++) {
                        states.add(active.get(a).state);
                        ids.add(requests.get(a).ids());
                    }
                    List<HiddenStates> hs = model.appendAll(states, ids);
                    answer(active.subList(a0, a1), requests.subList(a0, a1), hs);
                    for (int a = a0; a < a1; a++) {
                        Request r = active.get(a).advance();
                        if (r != null) {
                            nextActive.add(active.get(a));
                            nextRequests.add(r);
                        }
                    }
                    a0 = a1;
                }
                active = nextActive;
                requests = nextRequests;
            }
        }

        /** Gathers the requested rows of all lanes, projects them in blocks, hands each lane its logits. */
        private void answer(List<Lane> lanes, List<Request> requests, List<HiddenStates> hs) {
            int w = hs.get(0).width();
            int total = 0;
            for (Request r : requests) {
                total += r.rows().length;
            }
            float[] hidden = new float[total * w];
            int at = 0;
            for (int a = 0; a < lanes.size(); a++) {
                for (int row : requests.get(a).rows()) {
                    System.arraycopy(hs.get(a).data(), row * w, hidden, at++ * w, w);
                }
            }
            HiddenStates all = new HiddenStates(hidden, total, w);
            int block = Math.max(1, BLOCK_FLOATS / vocab);
            float[] logits = new float[Math.min(block, total) * vocab];
            int lane = 0;
            int inLane = 0;
            float[][] got = new float[requests.get(0).rows().length][];
            for (int r0 = 0; r0 < total; r0 += block) {
                int r1 = Math.min(total, r0 + block);
                model.logits(all, r0, r1, logits);
                for (int r = r0; r < r1; r++) {
                    got[inLane++] = Arrays.copyOfRange(logits, (r - r0) * vocab, (r - r0 + 1) * vocab);
                    if (inLane == got.length) {
                        lanes.get(lane).accept(got);
                        lane++;
                        inLane = 0;
                        if (lane < lanes.size()) {
                            got = new float[requests.get(lane).rows().length][];
                        }
                    }
                }
            }
        }

        /** Where a lane is in its text. */
        private enum Phase { GROUP, ROUND, DRAW, END_CANDIDATE, NEXT_SPAN, DONE }

        /** What the lane's last request read. */
        private enum Read { LEFT, TOKEN, SEGMENT }

        /**
         * One text being filled: its groups of spans one after another; within a group,
         * {@code candidates} rounds, each re-reading the group from the end of its left context
         * (cached once per group), and within a round the spans in order, each candidate sampled
         * token by token after the earlier spans' candidates of the round and followed by the
         * original words up to the next span (which also give its fit).
         */
        final class Lane {
            final String[] fills;
            final Decoding state = model.startDecoding();
            private final RandomGenerator rng;
            private final String[] words;
            private final List<MaskedText.Span> spans;
            private Phase phase = Phase.GROUP;
            private Read read;
            private int s;
            private Group g;
            private int[][] best;
            private double[] bestFit;
            private int k;
            private int j;
            private int[] cand;
            private int[][] cands;
            private double[] fit;
            private float[] leftLogits;
            /** Logits of the next token after what the lane has read. */
            private float[] last;

            Lane(MaskedText m, RandomGenerator rng) {
                this.rng = rng;
                this.words = m.original().split(" ", -1);
                this.spans = m.spans();
                this.fills = new String[spans.size()];
            }

            /** Runs until the lane needs the model; null once every span is filled. */
            Request advance() {
                while (true) {
                    switch (phase) {
                        case GROUP -> {
                            if (s >= spans.size()) {
                                phase = Phase.DONE;
                                return null;
                            }
                            g = group(words, spans, s);
                            if (g.left().length == 0) {
                                // nothing to condition on (no BOS/EOS and the span opens the text): keep the words
                                MaskedText.Span sp = spans.get(s);
                                fills[s] = String.join(" ", Arrays.copyOfRange(words, sp.start(), sp.start() + sp.words()));
                                s++;
                                continue;
                            }
                            int n = g.segments().length;
                            best = new int[n][];
                            bestFit = new double[n];
                            k = 0;
                            state.truncate(0);
                            read = Read.LEFT;
                            return new Request(g.left(), new int[] {g.left().length - 1});
                        }
                        case ROUND -> {
                            state.truncate(g.left().length);
                            last = leftLogits;
                            j = 0;
                            cand = new int[0];
                            cands = new int[g.segments().length][];
                            fit = new double[g.segments().length];
                            phase = Phase.DRAW;
                        }
                        case DRAW -> {
                            float[] row = last;
                            if (cand.length == 0) {
                                row = last.clone();
                                onlyWordStarts(row);
                            }
                            int t = sampler.sample(row, 0, vocab, rng);
                            int[] next = Arrays.copyOf(cand, cand.length + 1);
                            next[cand.length] = t;
                            if (isEnd(t) || wordCount(next) > spanWords()) {
                                phase = Phase.END_CANDIDATE; // t would start the next word: not kept
                                continue;
                            }
                            cand = next;
                            read = Read.TOKEN;
                            return new Request(new int[] {t}, new int[] {0});
                        }
                        case END_CANDIDATE -> {
                            cands[j] = cand;
                            int[] seg = g.segments()[j];
                            int r = g.rightTokens()[j];
                            if (r > 0) {
                                fit[j] += logSoftmaxAt(last, 0, seg[0]);
                            }
                            boolean lastSpan = j == cands.length - 1;
                            // after the group's last span only the right context's fit matters
                            int len = lastSpan ? Math.max(0, r - 1) : seg.length;
                            phase = Phase.NEXT_SPAN;
                            if (len == 0) {
                                continue;
                            }
                            int fitRows = Math.max(0, r - 1);
                            int[] rows = new int[fitRows + (lastSpan ? 0 : 1)];
                            for (int i = 0; i < fitRows; i++) {
                                rows[i] = i;
                            }
                            if (!lastSpan) {
                                rows[fitRows] = len - 1;
                            }
                            read = Read.SEGMENT;
                            return new Request(Arrays.copyOf(seg, len), rows);
                        }
                        case NEXT_SPAN -> {
                            j++;
                            cand = new int[0];
                            if (j < cands.length) {
                                phase = Phase.DRAW;
                                continue;
                            }
                            for (int i = 0; i < cands.length; i++) {
                                if (best[i] == null || fit[i] > bestFit[i]) {
                                    best[i] = cands[i];
                                    bestFit[i] = fit[i];
                                }
                            }
                            if (++k < candidates) {
                                phase = Phase.ROUND;
                                continue;
                            }
                            for (int i = 0; i < best.length; i++) {
                                fills[s + i] = tok.decode(best[i]).strip();
                            }
                            s += best.length;
                            phase = Phase.GROUP;
                        }
                        case DONE -> {
                            return null;
                        }
                    }
                }
            }

            /** Takes the logits of the rows the last request asked for. */
            void accept(float[][] rows) {
                switch (read) {
                    case LEFT -> {
                        leftLogits = rows[0];
                        phase = Phase.ROUND;
                    }
                    case TOKEN -> {
                        last = rows[0];
                        phase = cand.length >= maxTokens(spanWords()) ? Phase.END_CANDIDATE : Phase.DRAW;
                    }
                    case SEGMENT -> {
                        int[] seg = g.segments()[j];
                        int fitRows = Math.max(0, g.rightTokens()[j] - 1);
                        for (int i = 0; i < fitRows; i++) {
                            fit[j] += logSoftmaxAt(rows[i], 0, seg[i + 1]);
                        }
                        if (rows.length > fitRows) {
                            last = rows[fitRows];
                        }
                    }
                }
            }

            private int spanWords() {
                return spans.get(g.first() + j).words();
            }
        }

        /** Rules out tokens that would continue the word before the span. */
        private void onlyWordStarts(float[] row) {
            for (int v = 0; v < vocab; v++) {
                if (!starts[v]) {
                    row[v] = Float.NEGATIVE_INFINITY;
                }
            }
        }

        /**
         * The spans from {@code first} on that fit one sequence within the model's context, with
         * the token ids of what surrounds them in the original text.
         */
        private Group group(String[] words, List<MaskedText.Span> spans, int first) {
            int[] left = prefix(words, spans.get(first).start());
            int budget = model.contextLength() - left.length;
            List<int[]> segments = new ArrayList<>();
            List<int[]> rights = new ArrayList<>();
            for (int s = first; s < spans.size(); s++) {
                MaskedText.Span sp = spans.get(s);
                int end = Math.min(words.length, sp.start() + sp.words());
                int next = s + 1 < spans.size() ? spans.get(s + 1).start() : words.length;
                int[] right = continuation(words, end, Math.min(next, end + rightWords));
                int maxCandidate = maxTokens(sp.words());
                if (s > first && budget < maxCandidate + right.length) {
                    break; // span s would not fit: the group ends before it
                }
                int[] between = s + 1 < spans.size() ? continuation(words, end, next) : right;
                segments.add(between);
                rights.add(right);
                budget -= maxCandidate + between.length;
            }
            int n = segments.size();
            segments.set(n - 1, rights.get(n - 1)); // after the group's last span, only its right context
            int[] rightTokens = new int[n];
            for (int j = 0; j < n; j++) {
                rightTokens[j] = Math.min(rights.get(j).length, segments.get(j).length);
            }
            return new Group(first, left, segments.toArray(new int[0][]), rightTokens);
        }

        private boolean isEnd(int t) {
            return tok.eosId().orElse(-1) == t || tok.bosId().orElse(-1) == t;
        }

        private int wordCount(int[] cand) {
            String s = tok.decode(cand).strip();
            return s.isEmpty() ? 0 : s.split("\\s+").length;
        }

        /**
         * The ids of words [0, j), without a trailing end token, cut to the last contextTokens (at
         * most half the model's context, leaving room for the spans).
         */
        private int[] prefix(String[] words, int j) {
            int[] ids = encode(String.join(" ", Arrays.copyOfRange(words, 0, j)));
            if (ids.length > 1 && ids[ids.length - 1] == tok.eosId().orElse(-1)) {
                ids = Arrays.copyOf(ids, ids.length - 1);
            }
            if (ids.length == 0) {
                return start.isPresent() ? new int[] {start.getAsInt()} : ids;
            }
            int keep = Math.min(contextTokens, model.contextLength() / 2);
            return ids.length <= keep ? ids : Arrays.copyOfRange(ids, ids.length - keep, ids.length);
        }

        /** The ids words [from, to) get when they follow words [0, from): the tail the longer text adds. */
        private int[] continuation(String[] words, int from, int to) {
            if (to <= from) {
                return new int[0];
            }
            int[] shorter = encode(String.join(" ", Arrays.copyOfRange(words, 0, from)));
            int[] longer = encode(String.join(" ", Arrays.copyOfRange(words, 0, to)));
            int common = 0;
            while (common < shorter.length && common < longer.length && shorter[common] == longer[common]) {
                common++;
            }
            return Arrays.copyOfRange(longer, common, longer.length);
        }

        private int[] encode(String text) {
            return encoded.computeIfAbsent(text, tok::encodeIds);
        }

        private double logSoftmaxAt(float[] x, int o, int target) {
            float max = Float.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, x[o + v]);
            }
            double z = 0;
            for (int v = 0; v < vocab; v++) {
                z += Math.exp(x[o + v] - max);
            }
            return x[o + target] - max - Math.log(z);
        }
    }
}
