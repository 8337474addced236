package org.detectgpt.ensemble;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.util.Args;

/**
 * The learned head of the {@code ensemble} criterion: two logistic regressions fused into one
 * log-odds that a text is machine-written.
 * <ul>
 *   <li><b>sparse</b>: over the text's {@link DistortedNgrams} (syntax, function words,
 *       punctuation — not topic);</li>
 *   <li><b>dense</b>: over standardised {@link StyleFeatures}, {@link RatioFeatures} of a
 *       machine-text/human-text {@link BigramLm} pair, and the {@link #modelBlock()}: nothing, the
 *       scoring model's per-text {@link Features}, or an aligned neural pair's {@link PairFeatures};</li>
 *   <li><b>fusion</b>: {@code score = f₀ + f₁·sparse + f₂·dense}, fitted on out-of-fold logits.</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * @param ngrams the distorted n-gram vectoriser (with idf)
 * @param sparse the sparse regression
 * @param machineLm the machine-text bigram model
 * @param humanLm the human-text bigram model
 * @param modelBlock what the dense block ends with
 * @param denseMean per-feature mean of the dense block
 * @param denseScale per-feature standard deviation of the dense block
 * @param dense the dense regression (over standardised features)
 * @param fusion f₀, f₁, f₂
 */
public record TextHead(DistortedNgrams ngrams, SparseLogisticRegression sparse, BigramLm machineLm, BigramLm humanLm,
        ModelBlock modelBlock, double[] denseMean, double[] denseScale, SparseLogisticRegression dense,
        double[] fusion) {
    private static final int MAGIC = 0x44475448; // "DGTH"
    private static final int VERSION = 2;

    /** The model-dependent end of the dense block. */
    public enum ModelBlock {
        /** Nothing: the head reads the text alone, no forward pass. */
        NONE(List.of()),
        /** The scoring model's {@link Features}. */
        STATISTICS(Features.NAMES),
        /** {@link PairFeatures}: the scoring model is the machine side, the sampling model the human side. */
        PAIR(PairFeatures.NAMES);

        private final List<String> names;

        ModelBlock(List<String> names) {
            this.names = names;
        }

        /** @return the block's feature names */
        public List<String> names() {
            return names;
        }

        /**
         * @param stats a text's statistics (with the sampling model's for {@link #PAIR}); unused for {@link #NONE}
         * @return the block's features, or null for {@link #NONE}
         */
        public double[] of(TokenStatistics stats) {
            return switch (this) {
                case NONE -> null;
                case STATISTICS -> Features.of(stats);
                case PAIR -> PairFeatures.of(stats);
            };
        }
    }

    /** Checks the sizes. */
    public TextHead {
        Args.check(denseMean.length == denseScale.length && dense.weights().length == denseMean.length,
            "dense block sizes disagree");
        Args.notNull(modelBlock, "modelBlock");
        Args.check(denseMean.length == denseNames(modelBlock).size(), "dense block has %d features, expected %d",
            denseMean.length, denseNames(modelBlock).size());
        Args.check(fusion.length == 3, "fusion needs 3 coefficients");
    }

    /** @return the names of the dense block's features */
    public static List<String> denseNames(ModelBlock block) {
        List<String> n = new ArrayList<>(StyleFeatures.NAMES);
        n.addAll(RatioFeatures.NAMES);
        n.addAll(block.names());
        return n;
    }

    /** @return whether {@link #score} needs the text's statistics (a forward pass) */
    public boolean usesModelStatistics() {
        return modelBlock != ModelBlock.NONE;
    }

    /**
     * @param tokens the text's {@link TextTokens}
     * @param stats the scoring model's statistics of it (used when {@link #usesModelStatistics()})
     * @return the raw dense features
     */
    public double[] denseFeatures(List<String> tokens, TokenStatistics stats) {
        return denseFeatures(tokens, machineLm, humanLm, modelBlock.of(stats));
    }

    /**
     * The head's raw dense features, in the order of {@link #denseNames}: style, then the
     * machine/human likelihood ratio, then the model block when given.
     *
     * @param tokens the text's {@link TextTokens}
     * @param machine the machine-text bigram model
     * @param human the human-text bigram model
     * @param modelFeatures the {@link ModelBlock}'s features, or null
     * @return the raw (unstandardised) features
     */
    public static double[] denseFeatures(List<String> tokens, BigramLm machine, BigramLm human,
            double[] modelFeatures) {
        double[] style = StyleFeatures.of(tokens);
        double[] ratio = RatioFeatures.of(machine, human, tokens);
        int extra = modelFeatures == null ? 0 : modelFeatures.length;
        double[] out = new double[style.length + ratio.length + extra];
        System.arraycopy(style, 0, out, 0, style.length);
        System.arraycopy(ratio, 0, out, style.length, ratio.length);
        if (modelFeatures != null) {
            System.arraycopy(modelFeatures, 0, out, style.length + ratio.length, extra);
        }
        return out;
    }

    /** @return the dense features standardised and wrapped as a (full) sparse vector */
    static SparseVector standardise(double[] raw, double[] mean, double[] scale) {
        int[] idx = new int[raw.length];
        float[] val = new float[raw.length];
        for (int j = 0; j < raw.length; j++) {
            idx[j] = j;
            double z = (raw[j] - mean[j]) / scale[j];
            // a wild feature value (a text of nothing but digits, say) must not dominate the sum
            val[j] = Double.isFinite(z) ? (float) Math.max(-8, Math.min(8, z)) : 0f;
        }
        return new SparseVector(idx, val);
    }

    /**
     * @param text the text
     * @param stats the scoring model's statistics of it, or null when the head does not use them
     * @return the fused log-odds that the text is machine-written
     */
    public double score(String text, TokenStatistics stats) {
        List<String> tokens = TextTokens.of(text);
        Args.check(modelBlock == ModelBlock.NONE || stats != null, "this head needs the scoring model's statistics");
        double s = sparse.logit(ngrams.vector(tokens));
        double d = dense.logit(standardise(denseFeatures(tokens, stats), denseMean, denseScale));
        return fusion[0] + fusion[1] * s + fusion[2] * d;
    }

    /**
     * Writes the head as gzip-compressed binary (magic, version, then each part).
     *
     * @param out where to write (not closed)
     * @throws IOException on a write failure
     */
    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeInt(ngrams.bits());
        d.writeInt(ngrams.maxOrder());
        d.writeInt(ngrams.kept().size());
        for (String k : ngrams.kept().stream().sorted().toList()) {
            d.writeUTF(k);
        }
        writeFloats(d, ngrams.idf());
        writeFloats(d, sparse.weights());
        d.writeDouble(sparse.bias());
        for (BigramLm lm : List.of(machineLm, humanLm)) {
            d.writeInt(lm.wordBits());
            d.writeInt(lm.pairBits());
            for (float[] t : lm.tables()) {
                writeFloats(d, t);
            }
        }
        d.writeByte(modelBlock.ordinal());
        writeDoubles(d, denseMean);
        writeDoubles(d, denseScale);
        writeFloats(d, dense.weights());
        d.writeDouble(dense.bias());
        writeDoubles(d, fusion);
        d.flush();
        gz.finish();
    }

    /**
     * @param in what {@link #write} wrote (not closed)
     * @return the head
     * @throws IOException if it is not such a file or is cut short
     */
    public static TextHead read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
        if (d.readInt() != MAGIC) {
            throw new IOException("not a detectgpt head");
        }
        int version = d.readInt();
        if (version != 1 && version != VERSION) {
            throw new IOException("head format version " + version + ", this version reads " + VERSION);
        }
        int bits = d.readInt();
        int order = d.readInt();
        int nk = d.readInt();
        Set<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < nk; i++) {
            kept.add(d.readUTF());
        }
        DistortedNgrams ngrams = new DistortedNgrams(kept, bits, order, readFloats(d));
        SparseLogisticRegression sparse = new SparseLogisticRegression(readFloats(d), d.readDouble());
        BigramLm[] lms = new BigramLm[2];
        for (int k = 0; k < 2; k++) {
            int wb = d.readInt();
            int pb = d.readInt();
            lms[k] = new BigramLm(wb, pb, readFloats(d), readFloats(d), readFloats(d), readFloats(d));
        }
        // version 1 had a boolean here: 0 = none, 1 = the model's statistics, as the ordinals
        int block = d.readUnsignedByte();
        if (block >= ModelBlock.values().length || version == 1 && block > 1) {
            throw new IOException("unknown model block " + block);
        }
        double[] mean = readDoubles(d);
        double[] scale = readDoubles(d);
        SparseLogisticRegression dense = new SparseLogisticRegression(readFloats(d), d.readDouble());
        double[] fusion = readDoubles(d);
        return new TextHead(ngrams, sparse, lms[0], lms[1], ModelBlock.values()[block], mean, scale, dense, fusion);
    }

    private static void writeFloats(DataOutputStream d, float[] a) throws IOException {
        d.writeInt(a.length);
        for (float f : a) {
            d.writeFloat(f);
        }
    }

    private static float[] readFloats(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > 1 << 26) {
            throw new IOException("corrupt array length " + n);
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = d.readFloat();
        }
        return a;
    }

    private static void writeDoubles(DataOutputStream d, double[] a) throws IOException {
        d.writeInt(a.length);
        for (double f : a) {
            d.writeDouble(f);
        }
    }

    private static double[] readDoubles(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > 1 << 16) {
            throw new IOException("corrupt array length " + n);
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = d.readDouble();
        }
        return a;
    }
}
