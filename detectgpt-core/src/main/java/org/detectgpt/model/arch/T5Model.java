package org.detectgpt.model.arch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.Sampler;
import org.detectgpt.model.WeightStorage;
import org.detectgpt.model.io.TensorSource;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Attention;
import org.detectgpt.model.nn.Linear;
import org.detectgpt.model.nn.Norm;
import org.detectgpt.tokenize.Tokenizer;
import org.detectgpt.util.Args;

/**
 * A T5 encoder–decoder (Raffel et al. 2020, <i>Exploring the Limits of Transfer Learning with a
 * Unified Text-to-Text Transformer</i>, JMLR) in Hugging Face's layout
 * ({@code T5ForConditionalGeneration}): the original T5 and T5 v1.1 / flan-t5, the mask-filling
 * models of DetectGPT.
 *
 * <p>Both stacks are pre-norm: {@code x += Attn(LN(x))}, (decoder only) {@code x += Cross(LN(x), E)},
 * {@code x += FFN(LN(x))}, then a final LN. LN is T5's RMS norm without bias or mean subtraction,
 * {@code x / sqrt(mean(x²) + eps) · w}. Attention scores are {@code Q·Kᵀ + B} with <b>no</b>
 * 1/√d scaling and B the {@link T5RelativeBias relative position bias} (bidirectional in the
 * encoder, causal in the decoder; cross-attention has none). The FFN is {@code wo(relu(wi x))}
 * (original) or {@code wo(gelu_tanh(wi_0 x) · wi_1 x)} (v1.1). The head is the shared embedding
 * applied to {@code dModel^-0.5 · x} when tied (original T5), or an untied {@code lm_head}
 * without scaling.
 *
 * <p>Use: {@link #encode} a source sequence once; then either score a target by teacher forcing
 * through {@link #decoder(Encoded)} (a {@link CausalLm} over decoder inputs, so the usual
 * {@link org.detectgpt.stats.TokenScorer} gives log-probabilities, ranks and entropies), or
 * {@link #sample} targets for a batch of sources with a key/value cache.
 *
 * <p>Immutable; safe to share between threads (decoding state lives in {@link T5Decoding}).
 */
public final class T5Model {
    /** Decoder inputs one teacher-forced pass accepts (relative positions have no hard limit). */
    static final int MAX_DECODER_LENGTH = 1 << 16;

    record Projections(Linear q, Linear k, Linear v, Linear o) {}

    record FeedForward(Linear wi0, Linear wi1, Linear wo, Activation act) {
        float[] apply(float[] h, int rows) {
            float[] a = wi0.apply(h, rows);
            float[] g = wi1 == null ? null : wi1.apply(h, rows);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (act.apply(a[i]) * (g == null ? 1 : g[i]));
            }
            return wo.apply(a, rows);
        }
    }

    /** One block; the decoder's has cross-attention, the encoder's has none (null). */
    record Block(float[] selfNorm, Projections self, float[] crossNorm, Projections cross, float[] ffNorm,
            FeedForward ff) {}

    /**
     * A source sequence after the encoder, with each decoder layer's cross-attention keys and
     * values precomputed.
     *
     * @param ids the source ids
     * @param states final encoder states, row-major {@code [rows × dModel]}
     * @param crossK per decoder layer, {@code [rows × heads·dKv]}
     * @param crossV per decoder layer, {@code [rows × heads·dKv]}
     */
    public record Encoded(int[] ids, float[] states, float[][] crossK, float[][] crossV) {
        /** @return source positions */
        public int rows() {
            return ids.length;
        }
    }

    /** One stack: its blocks, final norm and the relative position bias of its first block. */
    private record Stack(Block[] blocks, float[] norm, T5RelativeBias bias) {}

    /** Everything the model holds: the shared embedding, both stacks, the output head. */
    private record Parts(ModelInfo info, Tokenizer tokenizer, T5Spec spec, float[] shared, Stack encoder,
            Stack decoder, Linear head) {}

    private final Parts parts;

    private T5Model(Parts parts) {
        this.parts = parts;
    }

    /**
     * Builds the model from tensors named as in transformers ({@code shared.weight},
     * {@code encoder.block.N.layer.0.SelfAttention.q.weight}, …; the embedding may also be
     * named {@code encoder.embed_tokens.weight}).
     *
     * @param info identity
     * @param tok the T5 tokenizer
     * @param spec hyper-parameters
     * @param src tensors
     * @param origin folder for error messages
     * @return the model
     * @throws ModelFormatException if a tensor is missing or mis-shaped
     */
    public static T5Model load(ModelInfo info, Tokenizer tok, T5Spec spec, TensorSource src, Path origin)
            throws ModelFormatException {
        Weights w = new Weights(new Checkpoint(src, origin, WeightStorage.FP32), "");
        int d = spec.dModel();
        String embName = w.has("shared.weight") ? "shared.weight" : "encoder.embed_tokens.weight";
        float[] shared = w.get(embName, spec.vocab(), d);
        Block[] enc = new Block[spec.encoderLayers()];
        for (int i = 0; i < enc.length; i++) {
            String p = "encoder.block." + i + ".layer.";
            enc[i] = new Block(w.get(p + "0.layer_norm.weight", d), projections(w, p + "0.SelfAttention", spec),
                null, null, w.get(p + "1.layer_norm.weight", d), feedForward(w, p + "1.DenseReluDense", spec));
        }
        Block[] dec = new Block[spec.decoderLayers()];
        for (int i = 0; i < dec.length; i++) {
            String p = "decoder.block." + i + ".layer.";
            dec[i] = new Block(w.get(p + "0.layer_norm.weight", d), projections(w, p + "0.SelfAttention", spec),
                w.get(p + "1.layer_norm.weight", d), projections(w, p + "1.EncDecAttention", spec),
                w.get(p + "2.layer_norm.weight", d), feedForward(w, p + "2.DenseReluDense", spec));
        }
        String biasName = ".block.0.layer.0.SelfAttention.relative_attention_bias.weight";
        T5RelativeBias encBias = new T5RelativeBias(w.get("encoder" + biasName, spec.buckets(), spec.heads()),
            spec.buckets(), spec.maxDistance(), spec.heads(), true);
        T5RelativeBias decBias = new T5RelativeBias(w.get("decoder" + biasName, spec.buckets(), spec.heads()),
            spec.buckets(), spec.maxDistance(), spec.heads(), false);
        float[] headW = spec.tied() ? shared : w.get("lm_head.weight", spec.vocab(), d);
        return new T5Model(new Parts(info, tok, spec, shared,
            new Stack(enc, w.get("encoder.final_layer_norm.weight", d), encBias),
            new Stack(dec, w.get("decoder.final_layer_norm.weight", d), decBias),
            Linear.fromOutIn(headW, null, d, spec.vocab())));
    }

    private static Projections projections(Weights w, String p, T5Spec s) throws ModelFormatException {
        int d = s.dModel();
        int inner = s.inner();
        return new Projections(lin(w, p + ".q", d, inner), lin(w, p + ".k", d, inner), lin(w, p + ".v", d, inner),
            lin(w, p + ".o", inner, d));
    }

    private static FeedForward feedForward(Weights w, String p, T5Spec s) throws ModelFormatException {
        int d = s.dModel();
        int ff = s.dFf();
        return s.gated()
            ? new FeedForward(lin(w, p + ".wi_0", d, ff), lin(w, p + ".wi_1", d, ff), lin(w, p + ".wo", ff, d),
                s.activation())
            : new FeedForward(lin(w, p + ".wi", d, ff), null, lin(w, p + ".wo", ff, d), s.activation());
    }

    private static Linear lin(Weights w, String name, int in, int out) throws ModelFormatException {
        return Linear.fromOutIn(w.get(name + ".weight", out, in), null, in, out);
    }

    /** @return identity of the model */
    public ModelInfo info() {
        return parts.info();
    }

    /** @return the T5 tokenizer (its encode appends {@code </s>}) */
    public Tokenizer tokenizer() {
        return parts.tokenizer();
    }

    /** @return the hyper-parameters */
    public T5Spec spec() {
        return parts.spec();
    }

    /** @return width of a logits row */
    public int vocabSize() {
        return parts.head().out();
    }

    /**
     * Runs the encoder and precomputes the decoder's cross-attention keys and values.
     *
     * @param ids source ids, at least one, each in {@code [0, vocabSize())}
     * @return the encoded source
     */
    public Encoded encode(int[] ids) {
        checkIds(ids, "source");
        int s = ids.length;
        float[] x = DecoderLm.embed(parts.shared(), spec().dModel(), ids);
        float[] bias = parts.encoder().bias().bias(0, s, s);
        for (Block b : parts.encoder().blocks()) {
            float[] a = selfAttention(b, x, s, Attention.Mask.FULL, bias);
            DecoderLm.addInPlace(x, b.self().o().apply(a, s));
            DecoderLm.addInPlace(x, b.ff().apply(norm(x, b.ffNorm()), s));
        }
        float[] states = norm(x, parts.encoder().norm());
        Block[] decoder = parts.decoder().blocks();
        float[][] ck = new float[decoder.length][];
        float[][] cv = new float[decoder.length][];
        for (int l = 0; l < decoder.length; l++) {
            ck[l] = decoder[l].cross().k().apply(states, s);
            cv[l] = decoder[l].cross().v().apply(states, s);
        }
        return new Encoded(ids.clone(), states, ck, cv);
    }

    /**
     * The decoder conditioned on one source, as a causal model over decoder inputs: position i of
     * {@code forward(decoderInputIds)} predicts label i. With {@code ids = [decoderStart] + labels},
     * {@code TokenScorer.score(decoder(e), ids)} gives the teacher-forced log-probabilities of the
     * labels.
     *
     * @param source an encoded source
     * @return a view sharing this model's weights
     */
    public CausalLm decoder(Encoded source) {
        return new TeacherForced(this, source);
    }

    /**
     * Starts incremental decoding of a batch of sources.
     *
     * @param sources encoded sources, at least one
     * @return the state, positioned before the first decoder input
     */
    public T5Decoding startDecoding(List<Encoded> sources) {
        Args.check(!sources.isEmpty(), "nothing to decode");
        return new T5Decoding(this, sources);
    }

    /**
     * Samples a target for each source, all in one batch with a key/value cache. Every sequence
     * starts from {@code decoderStart} and ends at EOS, at its own stop id, or after
     * {@code maxNewTokens}; it is dropped from the batch once it ends.
     *
     * @param sources encoded sources
     * @param sampler temperature / top-p
     * @param stopIds per source, an id that ends its target (included), or -1
     * @param maxNewTokens most tokens per target
     * @param rngs per source, its random generator (so a target does not depend on the batch)
     * @return per source, the generated ids (without the start id, with the final EOS or stop id)
     */
    public List<int[]> sample(List<Encoded> sources, Sampler sampler, int[] stopIds, int maxNewTokens,
            List<? extends RandomGenerator> rngs) {
        int n = sources.size();
        Args.check(stopIds.length == n && rngs.size() == n, "%d sources, %d stop ids, %d generators", n,
            stopIds.length, rngs.size());
        Args.positive(maxNewTokens, "maxNewTokens");
        List<int[]> out = new ArrayList<>(n);
        int[][] gen = new int[n][maxNewTokens];
        int[] len = new int[n];
        int[] active = new int[n];
        for (int i = 0; i < n; i++) {
            active[i] = i;
        }
        int nActive = n;
        T5Decoding state = startDecoding(sources);
        int[] tokens = new int[n];
        java.util.Arrays.fill(tokens, spec().decoderStart());
        int v = vocabSize();
        while (nActive > 0) {
            float[] logits = state.step(java.util.Arrays.copyOf(tokens, nActive));
            int kept = 0;
            int[] keep = new int[nActive];
            for (int r = 0; r < nActive; r++) {
                int i = active[r];
                int t = sampler.sample(logits, r * v, v, rngs.get(i));
                gen[i][len[i]++] = t;
                boolean done = t == spec().eos() || t == stopIds[i] || len[i] == maxNewTokens;
                if (!done) {
                    keep[kept] = r;
                    active[kept] = i;
                    tokens[kept] = t;
                    kept++;
                }
            }
            if (kept < nActive && kept > 0) {
                state.retain(java.util.Arrays.copyOf(keep, kept));
            }
            nActive = kept;
        }
        for (int i = 0; i < n; i++) {
            out.add(java.util.Arrays.copyOf(gen[i], len[i]));
        }
        return out;
    }

    private void checkIds(int[] ids, String what) {
        Args.check(ids.length > 0, "cannot run %s on an empty %s sequence", parts.info().name(), what);
        for (int id : ids) {
            Args.check(id >= 0 && id < vocabSize(), "token id %d outside the vocabulary of %s (%d)", id,
                parts.info().name(), vocabSize());
        }
    }

    float[] norm(float[] x, float[] w) {
        return Norm.rms(x.clone(), w, spec().eps());
    }

    /** Final decoder norm, and the d^-0.5 scaling of a tied head: the rows the head projects. */
    float[] decoderOutput(float[] x) {
        float[] y = Norm.rms(x, parts.decoder().norm(), spec().eps());
        if (spec().tied()) {
            float s = (float) (1.0 / Math.sqrt(spec().dModel()));
            for (int i = 0; i < y.length; i++) {
                y[i] *= s;
            }
        }
        return y;
    }

    float[] embed(int[] ids) {
        return DecoderLm.embed(parts.shared(), spec().dModel(), ids);
    }

    Block[] decoderBlocks() {
        return parts.decoder().blocks();
    }

    T5RelativeBias decoderBias() {
        return parts.decoder().bias();
    }

    Linear head() {
        return parts.head();
    }

    /** Self-attention of a block over a whole sequence, before the output projection. */
    private float[] selfAttention(Block b, float[] x, int rows, Attention.Mask mask, float[] bias) {
        float[] h = norm(x, b.selfNorm());
        Projections p = b.self();
        return Attention.attend(p.q().apply(h, rows), p.k().apply(h, rows), p.v().apply(h, rows), rows, rows,
            spec().heads(), spec().heads(), spec().dKv(), 1.0, mask, bias);
    }

    /**
     * The rest of a decoder block once its self-attention is done: output projection and
     * residual, cross-attention to the sources, FFN. Row group g ({@code rowsPerSource} rows from
     * {@code g · rowsPerSource}) attends to {@code sources.get(g)}: one group of T rows in teacher
     * forcing, one row per sequence in a decoding step, so that the projections run as one
     * matrix product over the whole batch.
     *
     * @param x the residual stream, {@code [rows × dModel]}, updated in place
     * @param selfAttended the self-attention output before its projection, {@code [rows × inner]}
     */
    void finishDecoderBlock(Block b, int layer, float[] x, int rows, float[] selfAttended, List<Encoded> sources,
            int rowsPerSource) {
        int inner = spec().inner();
        DecoderLm.addInPlace(x, b.self().o().apply(selfAttended, rows));
        float[] cq = b.cross().q().apply(norm(x, b.crossNorm()), rows);
        float[] c = new float[rows * inner];
        int group = rowsPerSource * inner;
        for (int g = 0; g < sources.size(); g++) {
            Encoded src = sources.get(g);
            float[] qg = java.util.Arrays.copyOfRange(cq, g * group, (g + 1) * group);
            float[] out = Attention.attend(qg, src.crossK()[layer], src.crossV()[layer], rowsPerSource, src.rows(),
                spec().heads(), spec().heads(), spec().dKv(), 1.0, Attention.Mask.FULL, null);
            System.arraycopy(out, 0, c, g * group, group);
        }
        DecoderLm.addInPlace(x, b.cross().o().apply(c, rows));
        DecoderLm.addInPlace(x, b.ff().apply(norm(x, b.ffNorm()), rows));
    }

    /** The teacher-forced decoder over one encoded source. */
    private static final class TeacherForced extends DecoderLm {
        private final T5Model m;
        private final Encoded source;

        TeacherForced(T5Model m, Encoded source) {
            super(new ModelInfo(m.info().name() + " decoder", m.info().architecture(), m.info().source(),
                m.info().parameters()), m.tokenizer(), MAX_DECODER_LENGTH, m.head());
            this.m = m;
            this.source = source;
        }

        /** One sequence per pass and no cache: the T5 filler decodes through its own cross-attention cache. */
        @Override
        boolean packs() {
            return false;
        }

        @Override
        float[] hidden(Pack p) {
            int[] ids = p.ids();
            int t = ids.length;
            float[] x = m.embed(ids);
            float[] bias = m.decoderBias().bias(0, t, t);
            Block[] blocks = m.decoderBlocks();
            List<Encoded> one = List.of(source);
            for (int l = 0; l < blocks.length; l++) {
                Block b = blocks[l];
                float[] a = m.selfAttention(b, x, t, Attention.Mask.causal(0), bias);
                m.finishDecoderBlock(b, l, x, t, a, one, t);
            }
            return m.decoderOutput(x);
        }
    }
}
