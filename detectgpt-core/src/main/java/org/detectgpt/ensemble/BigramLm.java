package org.detectgpt.ensemble;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.detectgpt.util.Args;

/**
 * An interpolated Kneser-Ney bigram language model over hashed {@link TextTokens}: words are
 * hashed into 2<sup>{@link #wordBits}</sup> ids and word pairs into 2<sup>{@link #pairBits}</sup>
 * buckets, so the model has a fixed size whatever its training text (collisions only blur it).
 *
 * <pre>
 * P(w | v) = max(c(v,w) − D, 0) / c(v) + D · N₁₊(v •) / c(v) · P_cont(w)     (c(v) &gt; 0)
 * P(w | v) = P_cont(w)                                                      (c(v) = 0)
 * P_cont(w) = (N₁₊(• w) + ½) / (N₁₊(• •) + ½ · V)
 * </pre>
 * with discount D = 0.75, V = 2<sup>wordBits</sup>; c(v) counts v as a context. A text's first
 * token is conditioned on the sentence marker. Immutable and thread-safe once built.
 */
public final class BigramLm {
    /** The absolute discount. */
    public static final double DISCOUNT = 0.75;

    private final int wordBits;
    private final int pairBits;
    private final float[] contextCount;
    private final float[] followers;
    private final float[] precedersCount;
    private final float[] pairCount;
    private final double totalPairTypes;

    /**
     * @param wordBits log2 of the word-id space
     * @param pairBits log2 of the pair-bucket space
     * @param contextCount c(v) per word id
     * @param followers N₁₊(v •) per word id
     * @param precedersCount N₁₊(• w) per word id
     * @param pairCount c(v, w) per pair bucket
     */
    public BigramLm(int wordBits, int pairBits, float[] contextCount, float[] followers, float[] precedersCount,
            float[] pairCount) {
        this.wordBits = (int) Args.inRange(wordBits, 8, 24, "wordBits");
        this.pairBits = (int) Args.inRange(pairBits, 8, 26, "pairBits");
        Args.check(contextCount.length == 1 << wordBits && followers.length == 1 << wordBits
            && precedersCount.length == 1 << wordBits && pairCount.length == 1 << pairBits, "table sizes disagree with bits");
        this.contextCount = contextCount;
        this.followers = followers;
        this.precedersCount = precedersCount;
        this.pairCount = pairCount;
        double t = 0;
        for (float f : precedersCount) {
            t += f;
        }
        this.totalPairTypes = t;
    }

    /**
     * Counts a corpus.
     *
     * @param texts texts as {@link TextTokens}
     * @param wordBits log2 of the word-id space
     * @param pairBits log2 of the pair-bucket space
     * @return the model
     */
    public static BigramLm fit(List<List<String>> texts, int wordBits, int pairBits) {
        int v = 1 << wordBits;
        float[] ctx = new float[v];
        float[] fol = new float[v];
        float[] pre = new float[v];
        float[] pairs = new float[1 << pairBits];
        Set<Long> types = new HashSet<>();
        for (List<String> t : texts) {
            int prev = id(TextTokens.SENTENCE_END, wordBits);
            for (String s : t) {
                int w = id(s, wordBits);
                ctx[prev]++;
                pairs[pair(prev, w, pairBits)]++;
                if (types.add(((long) prev << 32) | w)) {
                    fol[prev]++;
                    pre[w]++;
                }
                prev = w;
            }
        }
        return new BigramLm(wordBits, pairBits, ctx, fol, pre, pairs);
    }

    /**
     * @param tokens a text's tokens
     * @return ln P(token_i | token_{i−1}) for each token
     */
    public double[] logProbs(List<String> tokens) {
        double[] out = new double[tokens.size()];
        int prev = id(TextTokens.SENTENCE_END, wordBits);
        for (int i = 0; i < out.length; i++) {
            int w = id(tokens.get(i), wordBits);
            out[i] = Math.log(prob(prev, w));
            prev = w;
        }
        return out;
    }

    /** @return P(w | v) for word ids v, w (the sum over all w is 1 when no pairs collide) */
    double prob(int v, int w) {
        double cont = (precedersCount[w] + 0.5) / (totalPairTypes + 0.5 * (1 << wordBits));
        double c = contextCount[v];
        return c > 0 ? Math.max(pairCount[pair(v, w, pairBits)] - DISCOUNT, 0) / c + DISCOUNT * followers[v] / c * cont
            : cont;
    }

    /** @return log2 of the word-id space */
    public int wordBits() {
        return wordBits;
    }

    /** @return log2 of the pair-bucket space */
    public int pairBits() {
        return pairBits;
    }

    /** @return the four tables, in constructor order: c(v), N₁₊(v •), N₁₊(• w), c(v, w) */
    public List<float[]> tables() {
        return List.of(contextCount, followers, precedersCount, pairCount);
    }

    static int id(String token, int bits) {
        long h = DistortedNgrams.fnv(token);
        return (int) ((h ^ (h >>> 31)) & ((1L << bits) - 1));
    }

    static int pair(int a, int b, int bits) {
        long h = (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) (h & ((1L << bits) - 1));
    }
}
