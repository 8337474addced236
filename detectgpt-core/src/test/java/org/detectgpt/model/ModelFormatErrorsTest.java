package org.detectgpt.model;

import org.detectgpt.ModelFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.Detector;
import org.detectgpt.model.io.DType;
import org.detectgpt.model.io.SafetensorsFile;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.testing.Fixtures;
import org.detectgpt.text.InvalidTextException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every malformed model input fails with a checked {@link ModelFormatException} whose message is
 * one line, names the file at fault and says what is wrong: never another exception type, an
 * out-of-memory error or a hang. The bad inputs are built in a temporary folder, from a good
 * hf-tiny folder or stories260K, or written byte by byte with {@link #safetensors}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelFormatErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Builds a bad input under a temporary folder and returns the path to load. */
    @FunctionalInterface
    interface Corruption {
        Path make(Path tmp) throws IOException;
    }

    // ---------------------------------------------------------------- helpers

    /** A safetensors file: 8-byte little-endian header length, the header, the data. */
    static byte[] safetensors(long headerLength, byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(header).put(data);
        return b.array();
    }

    /** A well-formed safetensors file with the given header JSON (length written correctly). */
    static byte[] safetensors(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return safetensors(h.length, h, data);
    }

    /** Copies an hf-tiny model folder into {@code tmp/name}. */
    static Path copyModel(Path tmp, String name) throws IOException {
        Path src = Fixtures.path("hf-tiny/" + name);
        Path dst = Files.createDirectories(tmp.resolve(name));
        for (String f : new String[] {"config.json", "tokenizer.json", "model.safetensors"}) {
            Files.copy(src.resolve(f), dst.resolve(f));
        }
        return dst;
    }

    /** A copy of qwen2-tiny whose model.safetensors is replaced by {@code bytes}. */
    static Path qwenWithWeights(Path tmp, byte[] bytes) throws IOException {
        Path dir = copyModel(tmp, "qwen2-tiny");
        Files.write(dir.resolve("model.safetensors"), bytes);
        return dir;
    }

    static Path editConfig(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode cfg = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        edit.accept(cfg);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), cfg);
        return dir;
    }

    /** A copy of qwen2-tiny with model.safetensors replaced by an index over the given weight map. */
    static Path qwenSharded(Path tmp, Map<String, String> weightMap) throws IOException {
        Path dir = copyModel(tmp, "qwen2-tiny");
        Files.delete(dir.resolve("model.safetensors"));
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", 0);
        ObjectNode map = index.putObject("weight_map");
        weightMap.forEach(map::put);
        JSON.writeValue(dir.resolve("model.safetensors.index.json").toFile(), index);
        return dir;
    }

    static byte[] zeros(int n) {
        return new byte[n];
    }

    static ModelFormatException assertModelFormatError(Path path, String fileName, String... keywords) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelLoader.load(path));
        assertOneLineNaming(e, fileName, keywords);
        return e;
    }

    static void assertOneLineNaming(Exception e, String fileName, String... keywords) {
        String m = e.getMessage();
        assertFalse(m == null || m.isBlank(), "empty message");
        assertFalse(m.contains("\n") || m.contains("\r"), "message is not one line: " + m);
        assertTrue(m.contains(fileName), "message does not name " + fileName + ": " + m);
        String lower = m.toLowerCase(Locale.ROOT);
        for (String k : keywords) {
            assertTrue(lower.contains(k.toLowerCase(Locale.ROOT)), "message does not say '" + k + "': " + m);
        }
    }

    // ---------------------------------------------------------------- malformed safetensors

    static Stream<Arguments> badSafetensors() {
        String f32x4 = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        return Stream.of(
            Arguments.of("truncated (cut in half)", (Corruption) t -> {
                byte[] good = Files.readAllBytes(Fixtures.path("hf-tiny/qwen2-tiny/model.safetensors"));
                return qwenWithWeights(t, Arrays.copyOf(good, good.length / 2));
            }, new String[] {"outside the data region"}),
            Arguments.of("header length past the end", (Corruption) t -> {
                byte[] h = f32x4.getBytes(StandardCharsets.UTF_8);
                return qwenWithWeights(t, safetensors(h.length + 16 + 1, h, zeros(16)));
            }, new String[] {"header length", "past the end"}),
            Arguments.of("header length 0xFFFFFFFFFFFFFFFF", (Corruption) t -> {
                byte[] h = f32x4.getBytes(StandardCharsets.UTF_8);
                return qwenWithWeights(t, safetensors(0xFFFFFFFFFFFFFFFFL, h, zeros(16)));
            }, new String[] {"header length", "18446744073709551615"}),
            Arguments.of("header length 2^62", (Corruption) t -> {
                byte[] h = f32x4.getBytes(StandardCharsets.UTF_8);
                return qwenWithWeights(t, safetensors(1L << 62, h, zeros(16)));
            }, new String[] {"header length"}),
            Arguments.of("header length 0", (Corruption) t ->
                qwenWithWeights(t, safetensors(0, new byte[0], zeros(16))), new String[] {"header length"}),
            Arguments.of("header not JSON", (Corruption) t ->
                qwenWithWeights(t, safetensors("this is not json at all", zeros(16))), new String[] {"json"}),
            Arguments.of("header invalid UTF-8", (Corruption) t -> qwenWithWeights(t,
                safetensors(4, new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80, (byte) 0x81}, zeros(16))),
                new String[] {"json"}),
            Arguments.of("header cut mid-JSON", (Corruption) t ->
                qwenWithWeights(t, safetensors("{\"w\":{\"dtype\":\"F32\",\n\"sha", zeros(16))),
                new String[] {"json"}),
            Arguments.of("header is a JSON array", (Corruption) t ->
                qwenWithWeights(t, safetensors("[1, 2, 3]", zeros(16))), new String[] {"json object"}),
            Arguments.of("tensor entry not an object", (Corruption) t ->
                qwenWithWeights(t, safetensors("{\"w\": 42}", zeros(16))), new String[] {"'w'"}),
            Arguments.of("overlapping data offsets", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", zeros(24))),
                new String[] {"overlap"}),
            Arguments.of("overlapping offsets, listed in reverse", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]},"
                    + "\"a\":{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":[0,32]}}", zeros(32))),
                new String[] {"overlap"}),
            Arguments.of("data offsets past the data", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[16,32]}}", zeros(16))),
                new String[] {"'w'", "offsets"}),
            Arguments.of("negative data offsets", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[-16,0]}}", zeros(16))),
                new String[] {"'w'", "offsets"}),
            Arguments.of("huge data offsets", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[9223372036854775800,"
                    + "9223372036854775807]}}", zeros(16))),
                new String[] {"'w'", "offsets"}),
            Arguments.of("data offsets end before begin", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}", zeros(16))),
                new String[] {"'w'", "offsets"}),
            Arguments.of("unknown dtype I4", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"I4\",\"shape\":[4],\"data_offsets\":[0,16]}}", zeros(16))),
                new String[] {"dtype", "I4"}),
            Arguments.of("unknown dtype F8_E4M3", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[16],\"data_offsets\":[0,16]}}", zeros(16))),
                new String[] {"dtype", "F8_E4M3"}),
            Arguments.of("missing dtype", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"shape\":[4],\"data_offsets\":[0,16]}}", zeros(16))), new String[] {"dtype"}),
            Arguments.of("shape does not match byte length", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,16]}}", zeros(16))),
                new String[] {"'w'", "needs 24 bytes"}),
            Arguments.of("shape that overflows a long", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4],\"data_offsets\":[0,16]}}",
                zeros(16))), new String[] {"'w'"}),
            Arguments.of("negative shape", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-4],\"data_offsets\":[0,16]}}", zeros(16))),
                new String[] {"'w'", "shape"}),
            Arguments.of("missing shape", (Corruption) t -> qwenWithWeights(t, safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,16]}}", zeros(16))), new String[] {"'w'", "shape"}),
            Arguments.of("file of 3 bytes", (Corruption) t -> qwenWithWeights(t, new byte[] {1, 2, 3}),
                new String[] {"3 bytes"}),
            Arguments.of("empty file", (Corruption) t -> qwenWithWeights(t, new byte[0]), new String[] {"0 bytes"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSafetensors")
    void malformedSafetensorsIsAOneLineModelFormatError(String what, Corruption c, String[] keywords)
            throws Exception {
        Path dir = c.make(tmp);
        assertModelFormatError(dir, "model.safetensors", keywords);
        // the reader alone says the same
        ModelFormatException direct = assertThrows(ModelFormatException.class,
            () -> SafetensorsFile.open(dir.resolve("model.safetensors")).close());
        assertOneLineNaming(direct, "model.safetensors", keywords);
    }

    // ---------------------------------------------------------------- malformed model folders

    static Stream<Arguments> badFolders() {
        return Stream.of(
            Arguments.of("missing config.json", (Corruption) t -> {
                Path d = copyModel(t, "qwen2-tiny");
                Files.delete(d.resolve("config.json"));
                return d;
            }, "config.json", new String[] {"missing"}),
            Arguments.of("malformed config.json", (Corruption) t -> {
                Path d = copyModel(t, "qwen2-tiny");
                Files.writeString(d.resolve("config.json"), "{\n  \"model_type\": \"qwen2\",\n  \"vocab_size\": 27");
                return d;
            }, "config.json", new String[] {"json"}),
            Arguments.of("config.json not an object", (Corruption) t -> {
                Path d = copyModel(t, "qwen2-tiny");
                Files.writeString(d.resolve("config.json"), "[\"qwen2\"]\n");
                return d;
            }, "config.json", new String[] {"object"}),
            Arguments.of("config without model_type", (Corruption) t ->
                editConfig(copyModel(t, "qwen2-tiny"), c -> c.remove("model_type")),
                "config.json", new String[] {"model_type"}),
            Arguments.of("unknown model_type bert", (Corruption) t ->
                editConfig(copyModel(t, "qwen2-tiny"), c -> c.put("model_type", "bert")),
                "config.json", new String[] {"unsupported", "bert"}),
            Arguments.of("missing tokenizer.json", (Corruption) t -> {
                Path d = copyModel(t, "qwen2-tiny");
                Files.delete(d.resolve("tokenizer.json"));
                return d;
            }, "tokenizer.json", new String[] {"missing"}),
            Arguments.of("missing model.safetensors", (Corruption) t -> {
                Path d = copyModel(t, "qwen2-tiny");
                Files.delete(d.resolve("model.safetensors"));
                return d;
            }, "model.safetensors", new String[] {"missing"}),
            Arguments.of("config vocab_size disagrees with the embedding (qwen2)", (Corruption) t ->
                editConfig(copyModel(t, "qwen2-tiny"), c -> c.put("vocab_size", 300)),
                "qwen2-tiny", new String[] {"embed_tokens", "shape"}),
            Arguments.of("config vocab_size disagrees with the embedding (gpt2)", (Corruption) t ->
                editConfig(copyModel(t, "gpt2-tiny"), c -> c.put("vocab_size", 200)),
                "gpt2-tiny", new String[] {"wte", "shape"}),
            Arguments.of("config hidden_size disagrees with the weights", (Corruption) t ->
                editConfig(copyModel(t, "qwen2-tiny"), c -> c.put("hidden_size", 128)),
                "qwen2-tiny", new String[] {"shape"}),
            Arguments.of("config vocab_size not an integer", (Corruption) t ->
                editConfig(copyModel(t, "qwen2-tiny"), c -> c.put("vocab_size", "many")),
                "config.json", new String[] {"vocab_size"}),
            Arguments.of("tokenizer with more tokens than embedding rows", (Corruption) t -> {
                Path d = copyModel(t, "qwen2-tiny");
                ObjectNode tok = (ObjectNode) JSON.readTree(d.resolve("tokenizer.json").toFile());
                ObjectNode added = tok.withArray("added_tokens").addObject();
                added.put("id", 300).put("content", "<|extra|>").put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
                JSON.writeValue(d.resolve("tokenizer.json").toFile(), tok);
                return d;
            }, "tokenizer.json", new String[] {"301 tokens", "276 rows"}),
            Arguments.of("sharded index pointing to a missing shard", (Corruption) t ->
                qwenSharded(t, Map.of("model.embed_tokens.weight", "model-00001-of-00002.safetensors")),
                "model-00001-of-00002.safetensors", new String[] {"no such file"}),
            Arguments.of("sharded index with ../ in a shard name", (Corruption) t -> {
                Files.copy(Fixtures.path("hf-tiny/qwen2-tiny/model.safetensors"), t.resolve("outside.safetensors"));
                return qwenSharded(t, Map.of("model.embed_tokens.weight", "../outside.safetensors"));
            }, "model.safetensors.index.json", new String[] {"../outside.safetensors"}),
            Arguments.of("sharded index with ../../.. up to the root", (Corruption) t ->
                qwenSharded(t, Map.of("model.embed_tokens.weight", "../".repeat(64))),
                "model.safetensors.index.json", new String[] {"shard name"}),
            Arguments.of("sharded index with shard name /", (Corruption) t ->
                qwenSharded(t, Map.of("model.embed_tokens.weight", "/")),
                "model.safetensors.index.json", new String[] {"shard name"}),
            Arguments.of("sharded index with an absolute shard path", (Corruption) t -> {
                Path outside = t.resolve("outside.safetensors");
                Files.copy(Fixtures.path("hf-tiny/qwen2-tiny/model.safetensors"), outside);
                return qwenSharded(t, Map.of("model.embed_tokens.weight", outside.toAbsolutePath().toString()));
            }, "model.safetensors.index.json", new String[] {"shard name"}),
            Arguments.of("sharded index with a shard name that is the folder itself", (Corruption) t ->
                qwenSharded(t, Map.of("model.embed_tokens.weight", ".")),
                "model.safetensors.index.json", new String[] {"shard name"}),
            Arguments.of("sharded index with a NUL in a shard name", (Corruption) t ->
                qwenSharded(t, Map.of("model.embed_tokens.weight", "model\u0000.safetensors")),
                "model.safetensors.index.json", new String[] {"shard name"}),
            Arguments.of("sharded index with a line break in a shard name", (Corruption) t ->
                qwenSharded(t, Map.of("model.embed_tokens.weight", "model\n-00001.safetensors")),
                "-00001.safetensors", new String[] {"no such file"}),
            Arguments.of("sharded index that is not JSON", (Corruption) t -> {
                Path d = qwenSharded(t, Map.of("x", "y"));
                Files.writeString(d.resolve("model.safetensors.index.json"), "{\n \"weight_map\": {\n   oops\n");
                return d;
            }, "model.safetensors.index.json", new String[] {}),
            Arguments.of("sharded index without weight_map", (Corruption) t -> {
                Path d = qwenSharded(t, Map.of("x", "y"));
                Files.writeString(d.resolve("model.safetensors.index.json"), "{\"metadata\": {}}");
                return d;
            }, "model.safetensors.index.json", new String[] {"weight_map"}),
            Arguments.of("sharded index placing a tensor in a shard that lacks it", (Corruption) t -> {
                Path d = qwenSharded(t, Map.of("model.no_such.weight", "model-00001-of-00001.safetensors"));
                Files.copy(Fixtures.path("hf-tiny/qwen2-tiny/model.safetensors"),
                    d.resolve("model-00001-of-00001.safetensors"));
                return d;
            }, "model-00001-of-00001.safetensors", new String[] {"model.no_such.weight"}),
            Arguments.of("sharded index lacking a tensor the model needs", (Corruption) t -> {
                Path d = qwenSharded(t, Map.of("model.embed_tokens.weight", "model-00001-of-00001.safetensors"));
                Files.copy(Fixtures.path("hf-tiny/qwen2-tiny/model.safetensors"),
                    d.resolve("model-00001-of-00001.safetensors"));
                return d;
            }, "qwen2-tiny", new String[] {"missing tensor"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFolders")
    void malformedModelFolderIsAOneLineModelFormatError(String what, Corruption c, String fileName,
            String[] keywords) throws Exception {
        assertModelFormatError(c.make(tmp), fileName, keywords);
    }

    // ---------------------------------------------------------------- llama2.c and paths

    static Stream<Arguments> badCheckpoints() {
        return Stream.of(
            Arguments.of("truncated llama2.c checkpoint", (Corruption) t -> {
                Path bin = t.resolve("stories260K.bin");
                byte[] good = Files.readAllBytes(Fixtures.path("stories260K/stories260K.bin"));
                Files.write(bin, Arrays.copyOf(good, good.length / 2));
                Files.copy(Fixtures.path("stories260K/tok512.bin"), t.resolve("tok512.bin"));
                return bin;
            }, "stories260K.bin", new String[] {"truncated"}),
            Arguments.of("llama2.c checkpoint of 20 bytes", (Corruption) t -> {
                Path bin = t.resolve("stories260K.bin");
                Files.write(bin, Arrays.copyOf(Files.readAllBytes(Fixtures.path("stories260K/stories260K.bin")), 20));
                return bin;
            }, "stories260K.bin", new String[] {"truncated"}),
            Arguments.of("llama2.c header with zero dims", (Corruption) t -> {
                Path bin = t.resolve("zero.bin");
                Files.write(bin, zeros(64));
                return bin;
            }, "zero.bin", new String[] {"implausible"}),
            Arguments.of("llama2.c header whose sizes overflow", (Corruption) t -> {
                Path bin = t.resolve("huge.bin");
                ByteBuffer b = ByteBuffer.allocate(28 + 64).order(ByteOrder.LITTLE_ENDIAN);
                // dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len
                b.putInt(2).putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE).putInt(1).putInt(1)
                    .putInt(1).putInt(1);
                Files.write(bin, b.array());
                return bin;
            }, "huge.bin", new String[] {}),
            Arguments.of("llama2.c header whose size wraps around to a negative number", (Corruption) t -> {
                Path bin = t.resolve("wrap.bin");
                ByteBuffer b = ByteBuffer.allocate(28 + 64).order(ByteOrder.LITTLE_ENDIAN);
                // 28 + 4 · need overflows a long to a negative number, which passed the size check
                b.putInt(2).putInt(Integer.MAX_VALUE).putInt(1 << 28).putInt(1).putInt(1).putInt(1).putInt(1);
                Files.write(bin, b.array());
                return bin;
            }, "wrap.bin", new String[] {"implausible"}),
            Arguments.of("llama2.c header with a huge dim", (Corruption) t -> {
                Path bin = t.resolve("huge.bin");
                ByteBuffer b = ByteBuffer.allocate(28 + 64).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(1 << 30).putInt(Integer.MAX_VALUE).putInt(64).putInt(1 << 29).putInt(1 << 29)
                    .putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE);
                Files.write(bin, b.array());
                return bin;
            }, "huge.bin", new String[] {}),
            Arguments.of("llama2.c checkpoint with no tokenizer beside it", (Corruption) t -> {
                Path bin = t.resolve("stories260K.bin");
                Files.copy(Fixtures.path("stories260K/stories260K.bin"), bin);
                return bin;
            }, "stories260K.bin", new String[] {"tokenizer"}),
            Arguments.of("path that does not exist", (Corruption) t -> t.resolve("no-such-model"),
                "no-such-model", new String[] {"no such"}),
            Arguments.of(".bin path that does not exist", (Corruption) t -> t.resolve("nothing.bin"),
                "nothing.bin", new String[] {"no such"}),
            Arguments.of("file that is neither a folder nor a .bin", (Corruption) t -> {
                Path f = t.resolve("model.txt");
                Files.writeString(f, "hello\n");
                return f;
            }, "model.txt", new String[] {"neither"}),
            Arguments.of("empty folder", (Corruption) t -> Files.createDirectories(t.resolve("empty-model")),
                "config.json", new String[] {"missing"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCheckpoints")
    void badCheckpointOrPathIsAOneLineModelFormatError(String what, Corruption c, String fileName,
            String[] keywords) throws Exception {
        assertModelFormatError(c.make(tmp), fileName, keywords);
    }

    /** The error cases are not vacuous: the same copies load when left intact. */
    @Test
    void intactCopiesLoad() throws Exception {
        assertEquals(276, ModelLoader.load(copyModel(tmp, "qwen2-tiny")).vocabSize());
        assertEquals(276, ModelLoader.load(copyModel(tmp, "gpt2-tiny")).vocabSize());
        Path bin = tmp.resolve("stories260K.bin");
        Files.copy(Fixtures.path("stories260K/stories260K.bin"), bin);
        Files.copy(Fixtures.path("stories260K/tok512.bin"), tmp.resolve("tok512.bin"));
        assertEquals(512, ModelLoader.load(bin).vocabSize());
    }

    /** A correctly sharded copy loads and computes exactly what the single file does. */
    @Test
    void shardedCopyLoadsAndMatchesSingleFile() throws Exception {
        Path goodFile = Fixtures.path("hf-tiny/qwen2-tiny/model.safetensors");
        byte[] good = Files.readAllBytes(goodFile);
        long n = ByteBuffer.wrap(good, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = JSON.readTree(Arrays.copyOfRange(good, 8, 8 + (int) n));
        Map<String, JsonNode> shard1 = new LinkedHashMap<>();
        Map<String, JsonNode> shard2 = new LinkedHashMap<>();
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                (i % 2 == 0 ? shard1 : shard2).put(e.getKey(), e.getValue());
            }
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        shard1.keySet().forEach(k -> weightMap.put(k, "model-00001-of-00002.safetensors"));
        shard2.keySet().forEach(k -> weightMap.put(k, "model-00002-of-00002.safetensors"));
        Path dir = qwenSharded(tmp, weightMap);
        writeShard(dir.resolve("model-00001-of-00002.safetensors"), shard1, good, 8 + n);
        writeShard(dir.resolve("model-00002-of-00002.safetensors"), shard2, good, 8 + n);
        CausalLm sharded = ModelLoader.load(dir);
        CausalLm single = ModelLoader.load(Fixtures.path("hf-tiny/qwen2-tiny"));
        int[] ids = single.tokenizer().encodeIds("Sharded checkpoints load the same weights.");
        float[] a = new float[ids.length * single.vocabSize()];
        float[] b = new float[ids.length * single.vocabSize()];
        single.logits(single.forward(ids), 0, ids.length, a);
        sharded.logits(sharded.forward(ids), 0, ids.length, b);
        assertArrayEquals(a, b);
    }

    private static void writeShard(Path file, Map<String, JsonNode> tensors, byte[] src, long dataStart)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, JsonNode> e : tensors.entrySet()) {
            long begin = e.getValue().get("data_offsets").get(0).asLong();
            long end = e.getValue().get("data_offsets").get(1).asLong();
            ObjectNode entry = e.getValue().deepCopy();
            entry.putArray("data_offsets").add(data.size()).add(data.size() + (end - begin));
            header.set(e.getKey(), entry);
            data.write(src, (int) (dataStart + begin), (int) (end - begin));
        }
        Files.write(file, safetensors(JSON.writeValueAsString(header), data.toByteArray()));
    }

    // ---------------------------------------------------------------- dtype conversion

    /** F16 and BF16 are widened to fp32 exactly, special values included. */
    @Test
    void halfPrecisionConversionIsExact() throws Exception {
        short[] f16 = {
            0x0000, (short) 0x8000, // +0, -0
            0x0001, (short) 0x8001, // smallest subnormal ±2^-24
            0x03ff, // largest subnormal (1023 · 2^-24)
            0x0200, // subnormal 2^-15
            0x0400, // smallest normal 2^-14
            0x3c00, (short) 0xc000, // 1, -2
            0x3555, // 0.333251953125
            0x7bff, // largest finite 65504
            0x7c00, (short) 0xfc00, // ±inf
            0x7e00, 0x7c01, // NaNs
        };
        float[] f16Expected = {
            0f, -0f, 0x1p-24f, -0x1p-24f, 1023 * 0x1p-24f, 0x1p-15f, 0x1p-14f, 1f, -2f, 0.333251953125f,
            65504f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.NaN,
        };
        short[] bf16 = {
            0x0000, (short) 0x8000, // ±0
            0x0001, (short) 0x807f, // subnormals: 2^-133, -(127 · 2^-133)
            0x0080, // smallest normal 2^-126
            0x3f80, (short) 0xc040, // 1, -3
            0x4049, // 3.140625
            0x7f7f, // largest finite
            0x7f80, (short) 0xff80, // ±inf
            0x7fc0, (short) 0xffc1, // NaNs
        };
        float[] bf16Expected = {
            0f, -0f, 0x1p-133f, -127 * 0x1p-133f, 0x1p-126f, 1f, -3f, 3.140625f,
            Float.intBitsToFloat(0x7f7f0000), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.NaN, Float.NaN,
        };
        byte[] f16Bytes = shorts(f16);
        byte[] bf16Bytes = shorts(bf16);
        double[] f64 = {-0.0, 0.5, Double.POSITIVE_INFINITY, Double.NaN};
        ByteBuffer f64Buf = ByteBuffer.allocate(8 * f64.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : f64) {
            f64Buf.putDouble(d);
        }
        byte[] data = new byte[f16Bytes.length + bf16Bytes.length + f64Buf.capacity()];
        System.arraycopy(f16Bytes, 0, data, 0, f16Bytes.length);
        System.arraycopy(bf16Bytes, 0, data, f16Bytes.length, bf16Bytes.length);
        System.arraycopy(f64Buf.array(), 0, data, f16Bytes.length + bf16Bytes.length, f64Buf.capacity());
        int a = f16Bytes.length;
        int b = a + bf16Bytes.length;
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"half\":{\"dtype\":\"F16\",\"shape\":[" + f16.length + "],\"data_offsets\":[0," + a + "]},"
            + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[1," + bf16.length + "],\"data_offsets\":[" + a + "," + b + "]},"
            + "\"dbl\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[" + b + "," + data.length + "]}}";
        Path file = tmp.resolve("dtypes.safetensors");
        Files.write(file, safetensors(header, data));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(DType.F16, st.dtype("half"));
            assertEquals(DType.BF16, st.dtype("bf"));
            assertArrayEquals(new long[] {1, bf16.length}, st.shape("bf"));
            assertBitsEqual(f16Expected, st.floats("half"), f16, "F16");
            assertBitsEqual(bf16Expected, st.floats("bf"), bf16, "BF16");
            float[] d = st.floats("dbl");
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(d[0]));
            assertEquals(0.5f, d[1]);
            assertEquals(Float.POSITIVE_INFINITY, d[2]);
            assertTrue(Float.isNaN(d[3]));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> st.floats("absent"));
            assertOneLineNaming(e, "dtypes.safetensors", "absent");
        }
        // every one of the 65,536 binary16 values, against widening through the exact double value
        short[] all = new short[1 << 16];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) i;
        }
        byte[] allBytes = shorts(all);
        Path allFile = tmp.resolve("all-f16.safetensors");
        Files.write(allFile, safetensors("{\"x\":{\"dtype\":\"F16\",\"shape\":[65536],\"data_offsets\":[0,"
            + allBytes.length + "]}}", allBytes));
        try (SafetensorsFile st = SafetensorsFile.open(allFile)) {
            float[] got = st.floats("x");
            for (int i = 0; i < all.length; i++) {
                float want = referenceHalf(i);
                if (Float.isNaN(want)) {
                    assertTrue(Float.isNaN(got[i]), "F16 0x" + Integer.toHexString(i) + " should be NaN");
                } else {
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[i]),
                        "F16 0x" + Integer.toHexString(i));
                }
            }
        }
    }

    /** binary16 by its definition: (-1)^s · 2^(e-15) · (1 + m/1024), or 2^-14 · m/1024 when e = 0. */
    private static float referenceHalf(int bits) {
        int s = bits >>> 15;
        int e = (bits >>> 10) & 0x1f;
        int m = bits & 0x3ff;
        double v;
        if (e == 0x1f) {
            v = m == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (e == 0) {
            v = Math.scalb((double) m, -24);
        } else {
            v = Math.scalb(1024.0 + m, e - 25);
        }
        return (float) (s == 1 ? -v : v);
    }

    private static void assertBitsEqual(float[] expected, float[] actual, short[] raw, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            String at = what + " 0x" + Integer.toHexString(raw[i] & 0xffff);
            if (Float.isNaN(expected[i])) {
                assertTrue(Float.isNaN(actual[i]), at + " should be NaN, got " + actual[i]);
            } else {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    at + ": expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    private static byte[] shorts(short[] v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : v) {
            b.putShort(s);
        }
        return b.array();
    }

    // ---------------------------------------------------------------- texts

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " \t\n\r ", "\u0000\u0001\t", "\u00a0\u2003\u3000", "\u200b\ufeff\n"})
    void unscorableTextIsAOneLineInvalidTextError(String text) throws Exception {
        CausalLm lm = ModelLoader.load(Fixtures.path("hf-tiny/qwen2-tiny"));
        Detector d = Detector.builder().setModel(lm).setCriterion(Criteria.forName("likelihood")).build();
        InvalidTextException e = assertThrows(InvalidTextException.class, () -> d.detect(text));
        String m = e.getMessage();
        assertFalse(m == null || m.isBlank());
        assertFalse(m.contains("\n") || m.contains("\r"), "message is not one line: " + m);
        assertTrue(m.toLowerCase(Locale.ROOT).contains("text"), m);
        assertThrows(InvalidTextException.class, () -> d.encodeIds(text));
    }
}
