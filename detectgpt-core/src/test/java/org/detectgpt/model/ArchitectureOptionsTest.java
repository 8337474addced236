package org.detectgpt.model;

import org.detectgpt.ModelFormatException;
import static org.detectgpt.model.ModelFormatErrorsTest.assertModelFormatError;
import static org.detectgpt.model.ModelFormatErrorsTest.assertOneLineNaming;
import static org.detectgpt.model.ModelFormatErrorsTest.copyModel;
import static org.detectgpt.model.ModelFormatErrorsTest.editConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.detectgpt.model.io.SafetensorsFile;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GPT-style architectures' configuration options: variants the engine does not implement
 * (Falcon-40B's new decoder architecture, ALiBi, OPT-350M's post-LayerNorm, rope scaling, ...) are
 * refused with a one-line message naming {@code config.json} and the option, never computed
 * wrongly; the options it does implement change the output; checkpoints that persist masks as
 * BOOL buffers (old GPT-Neo / GPT-J files) still load.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArchitectureOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] IDS = {84, 257, 256, 101, 97, 99, 257, 114, 32, 264, 73, 110, 32, 50};

    @TempDir
    Path tmp;

    static Stream<Arguments> refused() {
        return Stream.of(
            refusal("falcon-tiny", c -> c.put("new_decoder_architecture", true), "new_decoder_architecture", "not supported"),
            refusal("falcon-tiny", c -> c.put("alibi", true), "alibi", "not supported"),
            refusal("falcon-tiny", c -> c.put("multi_query", false), "multi_query=false", "not supported"),
            refusal("falcon-tiny", c -> c.put("parallel_attn", false), "parallel_attn=false", "not supported"),
            refusal("falcon-tiny", c -> c.put("apply_residual_connection_post_layernorm", true),
                "apply_residual_connection_post_layernorm", "not supported"),
            refusal("falcon-tiny", c -> c.putObject("rope_scaling").put("type", "linear").put("factor", 2.0),
                "rope_scaling", "not supported"),
            refusal("gpt-neox-tiny", c -> c.putObject("rope_scaling").put("type", "dynamic").put("factor", 2.0),
                "rope_scaling", "not supported"),
            refusal("gpt-neox-tiny", c -> c.put("rotary_pct", 0.1875), "rotary", "even"),
            refusal("gptj-tiny", c -> c.put("rotary_dim", 7), "rotary_dim", "even"),
            refusal("gptj-tiny", c -> c.put("rotary_dim", 32), "rotary_dim", "head size"),
            refusal("gpt-neo-tiny", c -> c.putArray("attention_types").addArray().add(
                JSON.createArrayNode().add("global").add("sparse")).add(1), "attention type", "sparse"),
            refusal("gpt-neo-tiny", c -> c.putArray("attention_types").addArray().add(
                JSON.createArrayNode().add("global")).add(3), "attention_types", "num_layers"),
            refusal("opt-tiny", c -> c.put("do_layer_norm_before", false), "do_layer_norm_before", "not supported"),
            refusal("opt-tiny", c -> c.put("word_embed_proj_dim", 16), "word_embed_proj_dim", "not supported"),
            refusal("opt-tiny", c -> c.put("_remove_final_layer_norm", true), "_remove_final_layer_norm"),
            refusal("opt-tiny", c -> c.put("activation_function", "swiglu"), "activation_function", "swiglu"),
            refusal("gpt-neo-tiny", c -> c.put("model_type", "bloom"), "unsupported model_type 'bloom'",
                "gpt_neo, gptj, gpt_neox, opt, falcon"));
    }

    private static Arguments refusal(String model, Consumer<ObjectNode> edit, String... keywords) {
        return Arguments.of(model, edit, keywords);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refused")
    void unsupportedOptionIsRefusedInOneLine(String model, Consumer<ObjectNode> edit, String[] keywords)
            throws Exception {
        assertModelFormatError(editConfig(copyModel(tmp, model), edit), "config.json", keywords);
    }

    @Test
    void gptNeoxSequentialResidualAndRotaryBaseAreImplemented() throws Exception {
        double[] parallel = logprobs(Fixtures.path("hf-tiny/gpt-neox-tiny"));
        double[] sequential = logprobs(editConfig(copyModel(tmp.resolve("a"), "gpt-neox-tiny"),
            c -> c.put("use_parallel_residual", false)));
        double[] base = logprobs(editConfig(copyModel(tmp.resolve("b"), "gpt-neox-tiny"),
            c -> c.put("rotary_emb_base", 500)));
        assertFalse(Arrays.equals(parallel, sequential), "use_parallel_residual is ignored");
        assertFalse(Arrays.equals(parallel, base), "rotary_emb_base is ignored");
        assertTrue(Arrays.stream(sequential).allMatch(Double::isFinite));
    }

    @Test
    void persistedMaskBuffersAreSkipped() throws Exception {
        // as old GPT-Neo checkpoints: a BOOL causal mask and an F32 scalar per layer, never read
        Path dir = copyModel(tmp, "gpt-neo-tiny");
        Path file = dir.resolve("model.safetensors");
        appendTensors(file, "transformer.h.0.attn.attention.bias", "BOOL", new long[] {1, 1, 128, 128},
            "transformer.h.0.attn.attention.masked_bias", "F32", new long[] {});
        CausalLm lm = ModelLoader.load(dir);
        CausalLm reference = ModelLoader.load(Fixtures.path("hf-tiny/gpt-neo-tiny"));
        assertEquals(reference.info().parameters() + 1, lm.info().parameters(), "BOOL buffer counted as weights");
        assertArrayEquals(TokenScorer.score(reference, IDS).logprob(), TokenScorer.score(lm, IDS).logprob(), 0.0);
    }

    private static double[] logprobs(Path model) throws Exception {
        return TokenScorer.score(ModelLoader.load(model), IDS).logprob();
    }

    /** Rewrites a safetensors file with zero-filled tensors (name, dtype, shape triples) appended. */
    private static void appendTensors(Path file, Object... tensors) throws IOException {
        byte[] all = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(Arrays.copyOfRange(all, 8, 8 + (int) n));
        long end = all.length - 8 - n;
        for (int i = 0; i < tensors.length; i += 3) {
            long[] shape = (long[]) tensors[i + 2];
            long bytes = Arrays.stream(shape).reduce(1, (a, b) -> a * b) * (tensors[i + 1].equals("BOOL") ? 1 : 4);
            ObjectNode t = header.putObject((String) tensors[i]);
            t.put("dtype", (String) tensors[i + 1]);
            Arrays.stream(shape).forEach(t.putArray("shape")::add);
            t.putArray("data_offsets").add(end).add(end + bytes);
            end += bytes;
        }
        byte[] h = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate((int) (8 + h.length + end)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(all, 8 + (int) n, all.length - 8 - (int) n);
        Files.write(file, out.array());
    }

    @Test
    void boolTensorIsNotReadAsWeights() throws Exception {
        Path dir = copyModel(tmp, "gpt-neo-tiny");
        appendTensors(dir.resolve("model.safetensors"), "mask", "BOOL", new long[] {4});
        try (SafetensorsFile st = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> st.floats("mask"));
            assertOneLineNaming(e, "model.safetensors", "mask", "BOOL", "not floating-point");
        }
    }
}
