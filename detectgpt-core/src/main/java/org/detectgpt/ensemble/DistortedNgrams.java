package org.detectgpt.ensemble;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.detectgpt.util.Args;

/**
 * Text distortion (Stamatatos 2017) followed by hashed n-grams: every token outside a fixed set
 * of frequent ones (function words and punctuation, learned from training text) becomes
 * {@code *}, then the n-grams of orders 1…{@link #maxOrder()} are hashed into
 * 2<sup>{@link #bits()}</sup> signed buckets. What survives is syntax and function-word use, not
 * topic — topic words are what makes a detector memorise its training domains.
 *
 * <p>Vector: {@code x_j = Σ sign · (1 + ln tf) · idf_j} over the n-grams hashed to bucket j, then
 * divided by its L2 norm (a text without n-grams gives the zero vector). The hash is FNV-1a 64 of
 * the n-gram's tokens joined by U+0001, so vectors are stable across runs and JVMs.
 */
public final class DistortedNgrams {
    /** The token every word outside the kept set becomes. */
    public static final String OTHER = "*";

    private final Set<String> kept;
    private final int bits;
    private final int maxOrder;
    private final float[] idf;

    /**
     * @param kept tokens kept as themselves
     * @param bits log2 of the number of buckets, 10…24
     * @param maxOrder longest n-gram, 1…6
     * @param idf per-bucket inverse document frequency, or null for all ones
     */
    public DistortedNgrams(Set<String> kept, int bits, int maxOrder, float[] idf) {
        this.kept = Set.copyOf(kept);
        this.bits = (int) Args.inRange(bits, 10, 24, "bits");
        this.maxOrder = (int) Args.inRange(maxOrder, 1, 6, "maxOrder");
        Args.check(idf == null || idf.length == 1 << bits, "idf must have 2^%d entries", bits);
        this.idf = idf;
    }

    /**
     * Fits the vectoriser to training texts: keeps the {@code keptTokens} tokens found in the most
     * texts (ties by the token, so the choice is stable), and weighs bucket j by the smoothed
     * {@code idf_j = ln((1 + n) / (1 + df_j)) + 1} over the n texts (0 for a bucket no text fills).
     *
     * @param texts the training texts, as tokens
     * @param keptTokens how many tokens to keep as themselves
     * @param bits log2 of the number of buckets, 10…24
     * @param maxOrder longest n-gram, 1…6
     * @return the fitted vectoriser
     */
    public static DistortedNgrams fit(List<List<String>> texts, int keptTokens, int bits, int maxOrder) {
        Map<String, Integer> df = new HashMap<>();
        for (List<String> t : texts) {
            for (String s : new LinkedHashSet<>(t)) {
                df.merge(s, 1, Integer::sum);
            }
        }
        Set<String> kept = new LinkedHashSet<>();
        df.entrySet().stream()
            .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey))
            .limit(keptTokens).forEach(e -> kept.add(e.getKey()));
        DistortedNgrams plain = new DistortedNgrams(kept, bits, maxOrder, null);
        int[] bucketDf = new int[1 << bits];
        for (List<String> t : texts) {
            for (int b : plain.buckets(t)) {
                bucketDf[b]++;
            }
        }
        float[] idf = new float[1 << bits];
        int n = texts.size();
        for (int b = 0; b < idf.length; b++) {
            idf[b] = bucketDf[b] == 0 ? 0f : (float) (Math.log((1.0 + n) / (1.0 + bucketDf[b])) + 1);
        }
        return plain.withIdf(idf);
    }

    /** @return the kept tokens */
    public Set<String> kept() {
        return kept;
    }

    /** @return log2 of the bucket count */
    public int bits() {
        return bits;
    }

    /** @return the longest n-gram order */
    public int maxOrder() {
        return maxOrder;
    }

    /** @return a copy of the idf weights, or null */
    public float[] idf() {
        return idf == null ? null : idf.clone();
    }

    /** @return a copy with these idf weights */
    public DistortedNgrams withIdf(float[] w) {
        return new DistortedNgrams(kept, bits, maxOrder, w);
    }

    /** @return the tokens with every unkept one replaced by {@link #OTHER} */
    public String[] distort(List<String> tokens) {
        String[] out = new String[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            String t = tokens.get(i);
            out[i] = kept.contains(t) ? t : OTHER;
        }
        return out;
    }

    /**
     * @param tokens a text's {@link TextTokens}
     * @return its sparse vector (bucket indices ascending)
     */
    public SparseVector vector(List<String> tokens) {
        String[] d = distort(tokens);
        int mask = (1 << bits) - 1;
        long[] keys = new long[d.length * maxOrder];
        int k = 0;
        long[] tokenHash = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            tokenHash[i] = fnv(d[i]);
        }
        for (int i = 0; i < d.length; i++) {
            long h = 0xcbf29ce484222325L;
            for (int n = 1; n <= maxOrder && i + n <= d.length; n++) {
                h = mix(h, tokenHash[i + n - 1]);
                // an n-gram of nothing but '*' says only that words were there
                keys[k++] = h;
            }
        }
        keys = Arrays.copyOf(keys, k);
        Arrays.sort(keys);
        // count each distinct n-gram, then fold into buckets with its sign
        int[] idx = new int[k];
        double[] val = new double[k];
        int m = 0;
        for (int i = 0; i < k;) {
            int j = i;
            while (j < k && keys[j] == keys[i]) {
                j++;
            }
            long h = keys[i];
            int bucket = (int) (h >>> 20) & mask;
            double sign = (h & 1) == 0 ? 1 : -1;
            idx[m] = bucket;
            val[m] = sign * (1 + Math.log(j - i));
            m++;
            i = j;
        }
        return SparseVector.of(Arrays.copyOf(idx, m), Arrays.copyOf(val, m), idf).normalised();
    }

    /** @return the buckets the text's n-grams fall in, each once (for document frequencies) */
    public int[] buckets(List<String> tokens) {
        return vector(tokens).indices();
    }

    static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long h, long token) {
        h ^= token;
        h *= 0x100000001b3L;
        h ^= 1;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }
}
