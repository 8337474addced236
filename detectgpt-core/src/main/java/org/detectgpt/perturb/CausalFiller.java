package org.detectgpt.perturb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.HiddenStates;
import org.detectgpt.model.Sampler;
import org.detectgpt.tokenize.Tokenizer;
import org.detectgpt.util.Args;

/**
 * The built-in mask filler, used when no T5 model is given: it resamples each masked span from
 * the causal scoring model itself, so detectgpt can perturb offline with nothing but the model it
 * scores with.
 *
 * <p>For a masked text with spans s = 1 … S of w words each, {@code candidates} times:
 * <ol>
 *   <li>every span gets a candidate sampled at temperature 1 from the model given its left
 *       context — the text before it, with the earlier spans holding this round's candidates —
 *       token by token, until the candidate would start word w + 1 (or reaches 3w + 2 tokens, or
 *       an end-of-sequence token): so a candidate has about as many words as the span;</li>
 *   <li>each candidate is scored by how well it fits its right context: the log-probability of
 *       the next {@code rightWords} original words (fewer if another span comes first),
 *       {@code Σ log p(right | left, candidate)}.</li>
 * </ol>
 * Each span keeps its best-fitting candidate. All spans of a round grow in lockstep in one
 * sequence: one forward pass of the model gives the next-token rows of every span at once, and
 * the pass that shows a candidate's last word has ended also holds its right context, so it scores
 * the fit too. A round therefore costs about one pass per token of its longest candidate, whatever
 * the number of spans, and the first pass (no candidate yet) is shared by all rounds. The causal
 * engine has no key/value cache, so each pass recomputes the whole sequence; texts longer than the
 * model's context are filled in groups of spans, each with at most {@code contextTokens} tokens of
 * left context.
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
    /** Forward passes kept per call (the round-opening pass is shared by all rounds). */
    private static final int MEMO_PASSES = 8;

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

    /** @return a filler with 4 candidates, 4 words of right context and 256 tokens of left context */
    public static CausalFiller of(CausalLm model) {
        return new CausalFiller(model, 4, 4, 256);
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
        List<List<String>> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(call.fillText(batch.get(i), rngs.get(i)));
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
            int[] anchor = tok.encode("a");
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

    /** The state of one {@link #fill} call: tokenizations and model passes shared by its texts. */
    private final class Call {
        private final Tokenizer tok = model.tokenizer();
        private final int vocab = model.vocabSize();
        private final boolean[] starts = wordStarts();
        private final OptionalInt start = tok.bosId().isPresent() ? tok.bosId() : tok.eosId();
        private final Map<String, int[]> encoded = new HashMap<>();
        private final Map<Ids, HiddenStates> passes = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Ids, HiddenStates> eldest) {
                return size() > MEMO_PASSES;
            }
        };

        List<String> fillText(MaskedText m, RandomGenerator rng) {
            String[] words = m.original().split(" ", -1);
            List<MaskedText.Span> spans = m.spans();
            String[] fills = new String[spans.size()];
            for (int s = 0; s < spans.size(); ) {
                Group g = group(words, spans, s);
                int n = g.segments().length;
                if (g.left().length == 0) {
                    // nothing to condition on (no BOS/EOS and the span opens the text): keep the words
                    MaskedText.Span sp = spans.get(s);
                    fills[s] = String.join(" ", Arrays.copyOfRange(words, sp.start(), sp.start() + sp.words()));
                    s++;
                    continue;
                }
                int[][] best = new int[n][];
                double[] bestFit = new double[n];
                for (int k = 0; k < candidates; k++) {
                    int[][] cands = new int[n][];
                    double[] fit = round(g, spans, cands, rng);
                    for (int j = 0; j < n; j++) {
                        if (best[j] == null || fit[j] > bestFit[j]) {
                            best[j] = cands[j];
                            bestFit[j] = fit[j];
                        }
                    }
                }
                for (int j = 0; j < n; j++) {
                    fills[s + j] = tok.decode(best[j]).strip();
                }
                s += n;
            }
            return List.of(fills);
        }

        /**
         * One round: grows a candidate for every span of the group in lockstep.
         *
         * @param cands receives the candidates
         * @return the fit of each candidate
         */
        private double[] round(Group g, List<MaskedText.Span> spans, int[][] cands, RandomGenerator rng) {
            int n = cands.length;
            for (int j = 0; j < n; j++) {
                cands[j] = new int[0];
            }
            boolean[] done = new boolean[n];
            float[] row = new float[vocab];
            while (true) {
                int[] seq = assemble(g, cands);
                HiddenStates h = pass(seq);
                boolean grew = false;
                int at = g.left().length; // positions in seq, the sequence of this pass
                for (int j = 0; j < n; j++) {
                    at += cands[j].length;
                    if (!done[j]) {
                        model.logits(h, at - 1, at, row);
                        if (cands[j].length == 0) {
                            onlyWordStarts(row);
                        }
                        int t = sampler.sample(row, 0, vocab, rng);
                        int w = spans.get(g.first() + j).words();
                        int[] next = Arrays.copyOf(cands[j], cands[j].length + 1);
                        next[cands[j].length] = t;
                        if (isEnd(t) || wordCount(next) > w) {
                            done[j] = true;
                        } else {
                            cands[j] = next;
                            grew = true;
                            done[j] = next.length >= maxTokens(w);
                        }
                    }
                    at += g.segments()[j].length;
                }
                if (!grew) {
                    return fits(g, cands, h, seq);
                }
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

        /** Σ log p of each span's right-context tokens, from the pass over the final sequence. */
        private double[] fits(Group g, int[][] cands, HiddenStates h, int[] seq) {
            double[] fit = new double[cands.length];
            int at = g.left().length;
            for (int j = 0; j < cands.length; j++) {
                at += cands[j].length;
                int r = g.rightTokens()[j];
                if (r > 0) {
                    float[] rows = new float[r * vocab];
                    model.logits(h, at - 1, at - 1 + r, rows);
                    for (int i = 0; i < r; i++) {
                        fit[j] += logSoftmaxAt(rows, i * vocab, seq[at + i]);
                    }
                }
                at += g.segments()[j].length;
            }
            return fit;
        }

        private int[] assemble(Group g, int[][] cands) {
            int len = g.left().length;
            for (int j = 0; j < cands.length; j++) {
                len += cands[j].length + g.segments()[j].length;
            }
            int[] seq = Arrays.copyOf(g.left(), len);
            int at = g.left().length;
            for (int j = 0; j < cands.length; j++) {
                System.arraycopy(cands[j], 0, seq, at, cands[j].length);
                at += cands[j].length;
                System.arraycopy(g.segments()[j], 0, seq, at, g.segments()[j].length);
                at += g.segments()[j].length;
            }
            return seq;
        }

        private HiddenStates pass(int[] seq) {
            return passes.computeIfAbsent(new Ids(seq), key -> model.forward(seq));
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
            return encoded.computeIfAbsent(text, tok::encode);
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

    /** An int sequence as a map key. */
    private static final class Ids {
        private final int[] ids;
        private final int hash;

        Ids(int[] ids) {
            this.ids = ids;
            this.hash = Arrays.hashCode(ids);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ids other && other.hash == hash && Arrays.equals(other.ids, ids);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
