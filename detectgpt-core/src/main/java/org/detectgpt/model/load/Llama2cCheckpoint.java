package org.detectgpt.model.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.arch.LlamaSpec;
import org.detectgpt.model.io.MapTensorSource.Tensor;
import org.detectgpt.model.io.MapTensorSource;
import org.detectgpt.model.nn.Activation;
import org.detectgpt.model.nn.Rope;

/**
 * Reads a llama2.c checkpoint (Karpathy's legacy {@code .bin} format) into Hugging Face tensor
 * names, so that it runs through the same {@link org.detectgpt.model.arch.LlamaModel} as any
 * Hugging Face Llama.
 *
 * <p>Format: seven little-endian int32 {@code dim, hidden_dim, n_layers, n_heads, n_kv_heads,
 * vocab_size, seq_len} (a negative vocab_size means an untied classifier follows), then fp32
 * row-major tensors: token embedding, attention RMS gains, wq, wk, wv, wo, FFN RMS gains, w1, w2,
 * w3, final RMS gain, the legacy {@code freq_cis} tables (skipped), and the classifier if untied.
 * llama2.c rotates adjacent pairs; the rows of wq and wk are permuted per head
 * ({@code 2i + j → j·hd/2 + i}) so that Hugging Face's {@code rotate_half} gives the same result, as
 * transformers' conversion script does. RMSNorm eps is 1e-5, θ = 10000.
 */
public final class Llama2cCheckpoint {
    /** The tensors and hyper-parameters read from a checkpoint. */
    public record Contents(LlamaSpec spec, MapTensorSource tensors) {}

    private Llama2cCheckpoint() {}

    /**
     * @param path the {@code .bin} checkpoint
     * @return its tensors under Hugging Face names and its hyper-parameters
     * @throws ModelFormatException if missing, truncated or with an implausible header
     */
    public static Contents read(Path path) throws ModelFormatException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 28) {
                throw new ModelFormatException(path, "truncated: " + size + " bytes, too short for a llama2.c header");
            }
            ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            int dim = all.getInt(0);
            int hiddenDim = all.getInt(4);
            int layers = all.getInt(8);
            int heads = all.getInt(12);
            int kvHeads = all.getInt(16);
            int vocabRaw = all.getInt(20);
            int seqLen = all.getInt(24);
            boolean shared = vocabRaw > 0;
            int vocab = Math.abs(vocabRaw);
            if (dim <= 0 || hiddenDim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || vocab <= 0 || seqLen <= 0
                    || dim % heads != 0 || heads % kvHeads != 0 || (dim / heads) % 2 != 0) {
                throw new ModelFormatException(path, "implausible llama2.c header: dim=" + dim + " hidden_dim="
                    + hiddenDim + " n_layers=" + layers + " n_heads=" + heads + " n_kv_heads=" + kvHeads
                    + " vocab_size=" + vocabRaw + " seq_len=" + seqLen);
            }
            int hd = dim / heads;
            long kvDim = (long) kvHeads * hd;
            long need;
            try { // exact: a crafted header must not wrap around to a small size that passes the check
                long perLayer = Math.addExact(Math.addExact((long) dim * 2, Math.multiplyExact((long) dim * dim, 2)),
                    Math.addExact(Math.multiplyExact(kvDim * dim, 2), Math.multiplyExact((long) hiddenDim * dim, 3)));
                need = Math.addExact(Math.addExact((long) vocab * dim, Math.multiplyExact(layers, perLayer)),
                    Math.addExact(dim + (long) seqLen * hd, shared ? 0 : (long) vocab * dim));
                Math.addExact(28, Math.multiplyExact(need, 4));
            } catch (ArithmeticException e) {
                throw new ModelFormatException(path, "implausible llama2.c header: its tensor sizes overflow (dim="
                    + dim + " hidden_dim=" + hiddenDim + " n_layers=" + layers + " vocab_size=" + vocabRaw
                    + " seq_len=" + seqLen + ")");
            }
            if (28 + need * 4 > size) {
                throw new ModelFormatException(path, "truncated: the header implies " + (28 + need * 4)
                    + " bytes but the file has " + size);
            }
            FloatBuffer f = all.position(28).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            Map<String, Tensor> t = new LinkedHashMap<>();
            float[] emb = take(f, (long) vocab * dim);
            t.put("model.embed_tokens.weight", new Tensor(emb, new long[] {vocab, dim}));
            float[][] rmsAtt = perLayer(f, layers, dim);
            float[][] wq = perLayer(f, layers, (long) dim * dim);
            float[][] wk = perLayer(f, layers, kvDim * dim);
            float[][] wv = perLayer(f, layers, kvDim * dim);
            float[][] wo = perLayer(f, layers, (long) dim * dim);
            float[][] rmsFfn = perLayer(f, layers, dim);
            float[][] w1 = perLayer(f, layers, (long) hiddenDim * dim);
            float[][] w2 = perLayer(f, layers, (long) dim * hiddenDim);
            float[][] w3 = perLayer(f, layers, (long) hiddenDim * dim);
            float[] rmsFinal = take(f, dim);
            f.position(f.position() + seqLen * hd); // freq_cis_real and _imag: seq_len × hd/2 each
            for (int l = 0; l < layers; l++) {
                String p = "model.layers." + l + ".";
                t.put(p + "input_layernorm.weight", new Tensor(rmsAtt[l], new long[] {dim}));
                t.put(p + "self_attn.q_proj.weight", new Tensor(permute(wq[l], heads, hd, dim), new long[] {dim, dim}));
                t.put(p + "self_attn.k_proj.weight", new Tensor(permute(wk[l], kvHeads, hd, dim), new long[] {kvDim, dim}));
                t.put(p + "self_attn.v_proj.weight", new Tensor(wv[l], new long[] {kvDim, dim}));
                t.put(p + "self_attn.o_proj.weight", new Tensor(wo[l], new long[] {dim, dim}));
                t.put(p + "post_attention_layernorm.weight", new Tensor(rmsFfn[l], new long[] {dim}));
                t.put(p + "mlp.gate_proj.weight", new Tensor(w1[l], new long[] {hiddenDim, dim}));
                t.put(p + "mlp.down_proj.weight", new Tensor(w2[l], new long[] {dim, hiddenDim}));
                t.put(p + "mlp.up_proj.weight", new Tensor(w3[l], new long[] {hiddenDim, dim}));
            }
            t.put("model.norm.weight", new Tensor(rmsFinal, new long[] {dim}));
            if (!shared) {
                t.put("lm_head.weight", new Tensor(take(f, (long) vocab * dim), new long[] {vocab, dim}));
            }
            LlamaSpec spec = new LlamaSpec(vocab, dim, hiddenDim, layers, heads, kvHeads, hd, 1e-5,
                Rope.standard(hd, hd, 10000.0, Rope.Pairing.HALF, 1.0), seqLen, false, false, false,
                Activation.SILU, 0);
            return new Contents(spec, new MapTensorSource(path, t));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(path, "no such file");
        } catch (IOException e) {
            throw new ModelFormatException(path, "cannot read: " + e.getMessage(), e);
        }
    }

    private static float[] take(FloatBuffer f, long n) {
        float[] a = new float[Math.toIntExact(n)];
        f.get(a);
        return a;
    }

    private static float[][] perLayer(FloatBuffer f, int layers, long n) {
        float[][] a = new float[layers][];
        for (int l = 0; l < layers; l++) {
            a[l] = take(f, n);
        }
        return a;
    }

    /** Row {@code h·hd + 2i + j} moves to {@code h·hd + j·hd/2 + i} (adjacent pairs → halves). */
    static float[] permute(float[] w, int heads, int hd, int cols) {
        float[] out = new float[w.length];
        int half = hd / 2;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                for (int j = 0; j < 2; j++) {
                    int src = h * hd + 2 * i + j;
                    int dst = h * hd + j * half + i;
                    System.arraycopy(w, src * cols, out, dst * cols, cols);
                }
            }
        }
        return out;
    }
}
