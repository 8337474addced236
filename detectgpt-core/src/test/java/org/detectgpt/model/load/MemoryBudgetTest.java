package org.detectgpt.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.WeightStorage;
import org.detectgpt.model.io.DType;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.io.SafetensorsFile;
import org.detectgpt.model.io.TensorSource;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The up-front memory check, from tensor shapes alone. */
class MemoryBudgetTest {
    /** Shapes only: reading a value fails the test, as the check must not read weights. */
    private record Shapes(Map<String, long[]> shapes, DType type) implements TensorSource {
        @Override
        public DType dtype(String name) {
            return type;
        }

        @Override
        public Set<String> names() {
            return shapes.keySet();
        }

        @Override
        public long[] shape(String name) {
            return shapes.get(name);
        }

        @Override
        public float[] floats(String name) {
            throw new AssertionError("the memory check read tensor " + name);
        }
    }

    /** GPT-J-6B's tensor shapes (28 layers, d = 4096, MLP 16384, vocab 50400, untied head with bias). */
    private static Shapes gptj6b() {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("transformer.wte.weight", new long[] {50400, 4096});
        for (int i = 0; i < 28; i++) {
            String p = "transformer.h." + i + ".";
            for (String s : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                m.put(p + "attn." + s + ".weight", new long[] {4096, 4096});
            }
            m.put(p + "mlp.fc_in.weight", new long[] {16384, 4096});
            m.put(p + "mlp.fc_in.bias", new long[] {16384});
            m.put(p + "mlp.fc_out.weight", new long[] {4096, 16384});
            m.put(p + "mlp.fc_out.bias", new long[] {4096});
            m.put(p + "ln_1.weight", new long[] {4096});
            m.put(p + "ln_1.bias", new long[] {4096});
        }
        m.put("transformer.ln_f.weight", new long[] {4096});
        m.put("transformer.ln_f.bias", new long[] {4096});
        m.put("lm_head.weight", new long[] {50400, 4096});
        m.put("lm_head.bias", new long[] {50400});
        return new Shapes(m, DType.F32);
    }

    /** Falcon-7B's shapes in BF16 (32 layers, d = 4544, 71 query heads + 1 kv head of 64, vocab 65024, tied). */
    private static Shapes falcon7b() {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("transformer.word_embeddings.weight", new long[] {65024, 4544});
        for (int i = 0; i < 32; i++) {
            String p = "transformer.h." + i + ".";
            m.put(p + "self_attention.query_key_value.weight", new long[] {(71 + 2) * 64, 4544});
            m.put(p + "self_attention.dense.weight", new long[] {4544, 4544});
            m.put(p + "mlp.dense_h_to_4h.weight", new long[] {18176, 4544});
            m.put(p + "mlp.dense_4h_to_h.weight", new long[] {4544, 18176});
            m.put(p + "input_layernorm.weight", new long[] {4544});
            m.put(p + "input_layernorm.bias", new long[] {4544});
        }
        m.put("transformer.ln_f.weight", new long[] {4544});
        m.put("transformer.ln_f.bias", new long[] {4544});
        return new Shapes(m, DType.BF16);
    }

    @Test
    void gptj6bNeedsAbout24GibOffTheHeapAndIsRefusedUpFront() throws Exception {
        MemoryBudget.Need need = MemoryBudget.estimate(gptj6b(), 2048, WeightStorage.FP32);
        assertEquals(6_050_882_784L, need.parameters());
        // every matrix but the embedding table goes off the heap: 5.84 G elements
        assertTrue(need.offHeap() > 4L * 5_844_000_000L && need.offHeap() < 4L * 5_844_000_000L + (3L << 30),
            "off-heap " + need.offHeap());
        assertTrue(need.heap() > 4L * 206_438_400 && need.heap() < (3L << 30), "heap " + need.heap());
        Path dir = Path.of("gpt-j-6b");
        ModelConfig config = ModelConfig.of(dir.resolve("config.json"),
            new ObjectMapper().readTree("{\"model_type\":\"gptj\",\"n_positions\":2048}"));
        ModelFormatException e = assertThrows(ModelFormatException.class,
            () -> MemoryBudget.check(gptj6b(), config, WeightStorage.FP32, dir));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("gpt-j-6b: needs about ") && m.contains("6,050,882,784 parameters"), m);
        assertTrue(m.contains("JAVA_OPTS=\"-Xmx") || m.contains("more than this machine's"), m);
    }

    @Test
    void falcon7bInBf16NeedsAbout28GibInFp32AndAbout19GibKeptAsStored() throws Exception {
        MemoryBudget.Need fp32 = MemoryBudget.estimate(falcon7b(), 2048, WeightStorage.FP32);
        MemoryBudget.Need stored = MemoryBudget.estimate(falcon7b(), 2048, WeightStorage.STORED);
        assertEquals(6_921_720_704L, fp32.parameters());
        double gib = 1L << 30;
        assertTrue(fp32.total() / gib > 28 && fp32.total() / gib < 31, "fp32 " + fp32.total() / gib);
        assertTrue(stored.total() / gib > 15 && stored.total() / gib < 19, "stored " + stored.total() / gib);
        // the block matrices move to the heap as 2-byte values; the tied head stays fp32 off the heap
        assertTrue(stored.heap() > 2L * 6_626_000_000L, "stored heap " + stored.heap() / gib);
        ModelConfig config = ModelConfig.of(Path.of("falcon-7b/config.json"),
            new ObjectMapper().readTree("{\"model_type\":\"falcon\"}"));
        ModelFormatException e = assertThrows(ModelFormatException.class,
            () -> MemoryBudget.check(falcon7b(), config, WeightStorage.FP32, Path.of("falcon-7b")));
        assertTrue(e.getMessage().contains("keep its 16-bit weights as stored with -Ddetectgpt.weights=stored (about "),
            e.getMessage());
    }

    @Test
    void tinyModelFitsAndItsEstimateCountsEveryWeightOnce() throws Exception {
        Path dir = Fixtures.path("hf-tiny/gptj-tiny");
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            MemoryBudget.Need need = MemoryBudget.estimate(f, 128, WeightStorage.FP32);
            assertEquals(ModelLoader.countParameters(f), need.parameters());
            MemoryBudget.check(f, ModelConfig.read(dir.resolve("config.json")), WeightStorage.FP32, dir);
        }
    }
}
