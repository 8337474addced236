package org.detectgpt.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.detectgpt.model.io.DType;
import org.detectgpt.model.io.MapTensorSource.Tensor;
import org.detectgpt.model.io.SafetensorsWriter;

/**
 * Writes a {@link TrainableLlama} as a Hugging Face Llama folder — {@code config.json},
 * {@code model.safetensors}, {@code tokenizer.json} — that {@code ModelLoader} (and transformers)
 * load unchanged. Matrices are transposed from the trainer's {@code [in × out]} to PyTorch's
 * {@code [out × in]}; the head is tied to the embedding.
 */
public final class HfExport {
    private HfExport() {}

    /**
     * @param model the trained model
     * @param dir the folder to write (created)
     * @param tokenizerJson the tokenizer the model was trained with
     * @param dtype storage type of the weights
     * @param metadata provenance strings stored in the safetensors header
     * @throws IOException on a write failure
     */
    public static void write(TrainableLlama model, Path dir, Path tokenizerJson, DType dtype,
            Map<String, String> metadata) throws IOException {
        Files.createDirectories(dir);
        TrainableLlama.Shape s = model.shape();
        int d = s.dim();
        int f = s.ffn();
        float[] p = model.params();
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("model.embed_tokens.weight", new Tensor(copy(p, model.emb(), s.vocab() * d), new long[] {s.vocab(), d}));
        for (int l = 0; l < s.layers(); l++) {
            String pre = "model.layers." + l + ".";
            t.put(pre + "input_layernorm.weight", new Tensor(copy(p, model.g1(l), d), new long[] {d}));
            t.put(pre + "self_attn.q_proj.weight", transposed(p, model.wq(l), d, d));
            t.put(pre + "self_attn.k_proj.weight", transposed(p, model.wk(l), d, d));
            t.put(pre + "self_attn.v_proj.weight", transposed(p, model.wv(l), d, d));
            t.put(pre + "self_attn.o_proj.weight", transposed(p, model.wo(l), d, d));
            t.put(pre + "post_attention_layernorm.weight", new Tensor(copy(p, model.g2(l), d), new long[] {d}));
            t.put(pre + "mlp.gate_proj.weight", transposed(p, model.wg(l), d, f));
            t.put(pre + "mlp.up_proj.weight", transposed(p, model.wu(l), d, f));
            t.put(pre + "mlp.down_proj.weight", transposed(p, model.wd(l), f, d));
        }
        t.put("model.norm.weight", new Tensor(copy(p, model.gf(), d), new long[] {d}));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), t, dtype, metadata);
        Files.writeString(dir.resolve("config.json"), config(s, dtype));
        if (!tokenizerJson.toAbsolutePath().normalize().equals(dir.resolve("tokenizer.json").toAbsolutePath().normalize())) {
            Files.copy(tokenizerJson, dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String config(TrainableLlama.Shape s, DType dtype) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode c = json.createObjectNode();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("model_type", "llama");
        c.put("vocab_size", s.vocab());
        c.put("hidden_size", s.dim());
        c.put("intermediate_size", s.ffn());
        c.put("num_hidden_layers", s.layers());
        c.put("num_attention_heads", s.heads());
        c.put("num_key_value_heads", s.heads());
        c.put("head_dim", s.headDim());
        c.put("rms_norm_eps", TrainableLlama.EPS);
        c.put("rope_theta", TrainableLlama.THETA);
        c.put("max_position_embeddings", s.context());
        c.put("tie_word_embeddings", true);
        c.put("attention_bias", false);
        c.put("hidden_act", "silu");
        c.put("torch_dtype", switch (dtype) {
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            default -> "float32";
        });
        return json.writeValueAsString(c);
    }

    private static float[] copy(float[] p, int off, int n) {
        float[] a = new float[n];
        System.arraycopy(p, off, a, 0, n);
        return a;
    }

    /** Stored [in × out] → PyTorch's [out × in]. */
    private static Tensor transposed(float[] p, int off, int in, int out) {
        float[] a = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                a[o * in + i] = p[off + i * out + o];
            }
        }
        return new Tensor(a, new long[] {out, in});
    }
}
