package org.detectgpt.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.detectgpt.ModelFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HfTokenizer} against the hf-tiny tokenization cases (made with Python's
 * {@code tokenizers}) and llama.cpp's GPT-2 vocabulary test.
 */
class HfTokenizerTest {
    /** hf-tiny folders whose tokenizer.json is the shared byte-level BPE one. */
    private static final List<String> BYTELEVEL = List.of("gpt2-tiny", "llama-tiny", "qwen2-tiny");
    /** hf-tiny folders whose tokenizer.json is the shared T5 Unigram one. */
    private static final List<String> T5 = List.of("t5-tiny", "t5-v1_1-tiny");
    private static final String GPT2 = "gpt2-tokenizer/tokenizer.json";
    private static final String LLAMACPP = "gpt2-tokenizer/llamacpp-tests/ggml-vocab-gpt-2.gguf";
    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    private static final Map<String, HfTokenizer> LOADED = new HashMap<>();
    private static HfTokenizer gpt2;

    @TempDir Path tmp;

    @BeforeAll
    static void loadGpt2() throws ModelFormatException {
        gpt2 = HfTokenizer.load(Fixtures.path(GPT2));
    }

    private static synchronized HfTokenizer tiny(String folder) throws ModelFormatException {
        HfTokenizer t = LOADED.get(folder);
        if (t == null) {
            t = HfTokenizer.load(Fixtures.path("hf-tiny/" + folder + "/tokenizer.json"));
            LOADED.put(folder, t);
        }
        return t;
    }

    // ---- hf-tiny tokenization cases ----

    /** @return (folder, group, index, case) for every case of the groups the folders share */
    static Stream<Arguments> tinyCases() {
        JsonNode all = Fixtures.json("hf-tiny-tokenization/tokenization-cases.json");
        List<Arguments> out = new ArrayList<>();
        Map<String, List<String>> folders = Map.of(
                "bytelevel", BYTELEVEL, "t5", T5, "t5_target", T5);
        all.properties().forEach(group -> {
            List<String> targets = folders.get(group.getKey());
            if (targets == null) {
                throw new IllegalStateException("unknown case group " + group.getKey());
            }
            for (String folder : targets) {
                for (int i = 0; i < group.getValue().size(); i++) {
                    out.add(Arguments.of(folder, group.getKey(), i, group.getValue().get(i)));
                }
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}[{2}]")
    @MethodSource("tinyCases")
    void tinyCase(String folder, String group, int index, JsonNode c) throws Exception {
        HfTokenizer tok = tiny(folder);
        int[] ids = Fixtures.ints(c.path("ids"));
        String[] tokens = Fixtures.strings(c.path("tokens"));
        assertArrayEquals(ids, tok.encodeIds(c.path("text").asText()));
        assertArrayEquals(tokens, tok.encodeTokens(c.path("text").asText()));
        assertEquals(c.path("decoded").asText(), tok.decode(ids));
        // Vocabulary strings agree with the encoding's tokens, except where <unk> stands for
        // the text it covers.
        String[] vocab = tok.tokens(ids);
        for (int i = 0; i < ids.length; i++) {
            if (!"<unk>".equals(vocab[i])) {
                assertEquals(tokens[i], vocab[i], "token " + i);
                assertEquals(OptionalInt.of(ids[i]), tok.tokenToId(tokens[i]));
            }
        }
    }

    /** The cached single-token text is what decoding the one id gives, for every id, asked twice. */
    @Test
    void pieceIsTheDecodedSingleToken() {
        for (int round = 0; round < 2; round++) {
            for (int id = 0; id < gpt2.vocabSize(); id += 7) {
                assertEquals(gpt2.decode(new int[] {id}), gpt2.piece(id), "id " + id);
            }
        }
        assertEquals(" the", gpt2.piece(262));
        assertThrows(IllegalArgumentException.class, () -> gpt2.piece(gpt2.vocabSize()));
    }

    @Test
    void tinyVocabularies() throws ModelFormatException {
        HfTokenizer bytes = tiny("gpt2-tiny");
        assertEquals(276, bytes.vocabSize());
        assertEquals(OptionalInt.of(275), bytes.bosId());
        assertEquals(OptionalInt.of(275), bytes.eosId());
        assertArrayEquals(new int[0], bytes.encodeIds(""));

        HfTokenizer t5 = tiny("t5-tiny");
        assertEquals(137, t5.vocabSize());
        assertEquals(OptionalInt.empty(), t5.bosId());
        assertEquals(OptionalInt.of(1), t5.eosId());
        assertEquals(OptionalInt.of(136), t5.tokenToId("<extra_id_0>"));
        assertArrayEquals(new int[] {1}, t5.encodeIds(""));
    }

    /** A Llama-style template: BOS first, added by encode; EOS only by name. */
    @Test
    void templateAddsBos() throws Exception {
        Path file = tmp.resolve("tokenizer.json");
        Files.writeString(file, """
                {"model": {"type": "BPE", "merges": ["a b"],
                           "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "a": 3, "b": 4, "ab": 5}},
                 "added_tokens": [
                   {"id": 1, "content": "<s>", "special": true, "single_word": false,
                    "lstrip": false, "rstrip": false, "normalized": false},
                   {"id": 2, "content": "</s>", "special": true, "single_word": false,
                    "lstrip": false, "rstrip": false, "normalized": false}],
                 "decoder": {"type": "Fuse"},
                 "post_processor": {"type": "TemplateProcessing",
                   "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                              {"Sequence": {"id": "A", "type_id": 0}}],
                   "pair": [],
                   "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}}}
                """);
        HfTokenizer tok = HfTokenizer.load(file);
        assertArrayEquals(new int[] {1, 5, 5}, tok.encodeIds("abab"));
        assertArrayEquals(new int[] {1}, tok.encodeIds(""));
        assertEquals(OptionalInt.of(1), tok.bosId());
        assertEquals(OptionalInt.of(2), tok.eosId());
        assertEquals(6, tok.vocabSize());
        assertEquals("<s>abab</s>", tok.decode(new int[] {1, 5, 5, 2}));
        assertEquals("abab", tok.decode(new int[] {1, 5, 5, 2}, true));
    }

    // ---- GPT-2 against llama.cpp's test-tokenizer-0 cases ----

    /** @return (index, input, expected ids) for each case of the .inp/.out pair */
    static Stream<Arguments> llamaCppCases() throws IOException {
        String inp = Files.readString(Fixtures.path(LLAMACPP + ".inp"), StandardCharsets.UTF_8);
        String outFile = Files.readString(Fixtures.path(LLAMACPP + ".out"), StandardCharsets.UTF_8);
        // Each input is followed by the separator, the last one included (as llama.cpp reads it).
        assertTrue(inp.endsWith(SEPARATOR));
        List<String> inputs = new ArrayList<>();
        for (int from = 0, next; (next = inp.indexOf(SEPARATOR, from)) >= 0;
                from = next + SEPARATOR.length()) {
            inputs.add(inp.substring(from, next));
        }
        // One line per input, ids separated by spaces (with a leading space), file ends in \n.
        assertTrue(outFile.endsWith("\n"));
        String[] lines = outFile.substring(0, outFile.length() - 1).split("\n", -1);
        assertEquals(inputs.size(), lines.length, "inputs and expected lines");
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            int[] ids = line.isEmpty() ? new int[0]
                    : Stream.of(line.split(" +")).mapToInt(Integer::parseInt).toArray();
            out.add(Arguments.of(i, inputs.get(i), ids));
        }
        return out.stream();
    }

    @Test
    void llamaCppCaseCount() throws IOException {
        assertEquals(46, llamaCppCases().count());
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("llamaCppCases")
    void gpt2MatchesLlamaCpp(int index, String input, int[] ids) {
        assertArrayEquals(ids, gpt2.encodeIds(input), () -> "input: " + input);
        assertEquals(input, gpt2.decode(ids));
    }

    @Test
    void gpt2Vocabulary() {
        assertEquals(50257, gpt2.vocabSize());
        assertEquals(OptionalInt.of(50256), gpt2.bosId());
        assertEquals(OptionalInt.of(50256), gpt2.eosId());
        assertEquals(OptionalInt.of(50256), gpt2.tokenToId("<|endoftext|>"));
        assertEquals(OptionalInt.of(262), gpt2.tokenToId("Ġthe"));
        assertEquals(OptionalInt.empty(), gpt2.tokenToId("no such token"));
        assertArrayEquals(new String[] {"Hello", "Ġworld"}, gpt2.tokens(new int[] {15496, 995}));
        // A special token in the text is recognised, and decoded back as its text.
        int[] ids = gpt2.encodeIds("a<|endoftext|>b");
        assertArrayEquals(new int[] {64, 50256, 65}, ids);
        assertEquals("a<|endoftext|>b", gpt2.decode(ids));
    }

    @Test
    void longTextIsNotTruncated() throws ModelFormatException {
        String text = Fixtures.longText();
        int[] ids = gpt2.encodeIds(text);
        assertTrue(ids.length > 600, "only " + ids.length + " tokens");
        assertEquals(text, gpt2.decode(ids));
        int[] tiny = tiny("llama-tiny").encodeIds(text);
        assertTrue(tiny.length > 600, "only " + tiny.length + " tokens");
        assertEquals(text, tiny("llama-tiny").decode(tiny));
        int[] t5 = tiny("t5-tiny").encodeIds(text);
        assertTrue(t5.length > 600, "only " + t5.length + " tokens");
        assertEquals(1, t5[t5.length - 1]);
    }

    @Test
    void decodeRejectsIdsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> gpt2.decode(new int[] {50257}));
        assertThrows(IllegalArgumentException.class, () -> gpt2.decode(new int[] {-1}));
    }

    @Test
    void concurrentEncodingGivesTheSameIds() throws Exception {
        List<String> texts = new ArrayList<>();
        List<int[]> expected = new ArrayList<>();
        llamaCppCases().forEach(a -> {
            texts.add((String) a.get()[1]);
            expected.add((int[]) a.get()[2]);
        });
        texts.add(Fixtures.longText());
        expected.add(gpt2.encodeIds(Fixtures.longText()));
        assertEquals(0, Fixtures.concurrentMismatches(8, 10, texts, expected, gpt2::encodeIds));
    }

    // ---- bad files: a one-line ModelFormatException naming the file ----

    @Test
    void missingFile() {
        Path file = tmp.resolve("tokenizer.json");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> HfTokenizer.load(file));
        Fixtures.assertOneLineNaming(file, e);
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void folderInsteadOfFile() {
        Fixtures.assertOneLineNaming(tmp, assertThrows(ModelFormatException.class,
                () -> HfTokenizer.load(tmp)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "{\"model\": {\"vocab\": {\"a\": 0}\n\n", "not json at all", "[1, 2, 3]",
        "{\"version\": \"1.0\"}", "{\"model\": {\"vocab\": 3}}",
        "{\"model\": {\"vocab\": {\"a\": -1}}}", "{\"model\": {\"vocab\": {\"a\": \"x\"}}}",
        "{\"model\": {\"vocab\": {\"a\": 2147483647}}}",
        "{\"model\": {\"type\": \"Nonsense\", \"vocab\": {\"a\": 0}}}",
        "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [\"a b\"]},"
                + " \"added_tokens\": []}",
        "{\"model\": {\"vocab\": [[1, 2]]}}",
        "{\"added_tokens\": [{\"id\": 0}], \"model\": {\"vocab\": {}}}"})
    void malformedJson(String content) throws IOException {
        Path file = tmp.resolve("tokenizer.json");
        Files.writeString(file, content);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> HfTokenizer.load(file));
        Fixtures.assertOneLineNaming(file, e);
    }

    @Test
    void binaryFile() {
        Path file = Fixtures.path("stories260K/tok512.bin");
        Fixtures.assertOneLineNaming(file, assertThrows(ModelFormatException.class,
                () -> HfTokenizer.load(file)));
    }

    @Test
    void truncatedRealFile() throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path(GPT2));
        Path file = tmp.resolve("tokenizer.json");
        Files.write(file, java.util.Arrays.copyOf(full, full.length / 2));
        Fixtures.assertOneLineNaming(file, assertThrows(ModelFormatException.class,
                () -> HfTokenizer.load(file)));
    }
}
