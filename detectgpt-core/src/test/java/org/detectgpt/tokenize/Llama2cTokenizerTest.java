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
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import org.detectgpt.ModelFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Llama2cTokenizer} against stories260K's {@code tok512.bin} and run.c's outputs. */
class Llama2cTokenizerTest {
    private static final String TOK = "stories260K/tok512.bin";
    private static final JsonNode GOLDEN = Fixtures.json("stories260K/golden_reference.json");
    private static Llama2cTokenizer tok;

    @TempDir Path tmp;

    @BeforeAll
    static void load() throws ModelFormatException {
        tok = Llama2cTokenizer.load(Fixtures.path(TOK), 512);
    }

    static Stream<Arguments> goldenCases() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : GOLDEN.path("cases")) {
            cases.add(Arguments.of(c.path("text").asText(), Fixtures.ints(c.path("ids"))));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("goldenCases")
    void encodesLikeRunC(String text, int[] ids) {
        assertArrayEquals(ids, tok.encodeIds(text));
        assertEquals(text, tok.decode(ids));
    }

    @Test
    void greedyPromptAndText() {
        JsonNode greedy = GOLDEN.path("greedy");
        int[] ids = Fixtures.ints(greedy.path("ids"));
        int[] prompt = tok.encodeIds(greedy.path("prompt").asText());
        assertArrayEquals(new int[] {1, 403, 407, 261, 378}, prompt);
        assertArrayEquals(prompt, Arrays.copyOf(ids, prompt.length));
        assertEquals(greedy.path("text").asText(), tok.decode(ids));
    }

    @Test
    void vocabulary() throws ModelFormatException {
        assertEquals(512, tok.vocabSize());
        assertEquals(OptionalInt.of(1), tok.bosId());
        assertEquals(OptionalInt.of(2), tok.eosId());
        assertEquals(OptionalInt.of(13), tok.tokenToId("<0x0A>"));
        assertEquals("<0x0A>", tok.piece(13));
        assertTrue(tok.tokenToId(" ").isPresent());
        assertEquals(OptionalInt.empty(), tok.tokenToId("no such piece"));
        // Without a vocabulary size the file is read to its end: the same 512 tokens.
        Llama2cTokenizer all = Llama2cTokenizer.load(Fixtures.path(TOK));
        assertEquals(512, all.vocabSize());
        assertArrayEquals(tok.encodeIds("Lily and Tom"), all.encodeIds("Lily and Tom"));
    }

    @Test
    void emptyTextIsBosAlone() {
        assertArrayEquals(new int[] {1}, tok.encodeIds(""));
        assertEquals("", tok.decode(new int[] {1}));
        assertEquals("", tok.decode(new int[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ünïcödé 日本語 🙂!", "tabs\tand\nnew lines", "a", "x\u0000y",
        "The quarterly earnings report exceeded analyst expectations by a wide margin."})
    void roundTripsWithByteFallback(String text) {
        int[] ids = tok.encodeIds(text);
        assertEquals(1, ids[0]);
        assertEquals(text, tok.decode(ids));
    }

    @Test
    void unknownCodePointFallsBackToBytes() {
        // U+65E5 (日) is not in a 512-token vocabulary: its 3 UTF-8 bytes become byte tokens.
        int[] ids = tok.encodeIds("日");
        byte[] utf8 = "日".getBytes(StandardCharsets.UTF_8);
        int[] tail = Arrays.copyOfRange(ids, ids.length - 3, ids.length);
        assertArrayEquals(new int[] {(utf8[0] & 0xFF) + 3, (utf8[1] & 0xFF) + 3,
            (utf8[2] & 0xFF) + 3}, tail);
    }

    @Test
    void longTextIsNotTruncated() {
        String text = Fixtures.longText();
        int[] ids = tok.encodeIds(text);
        assertTrue(ids.length > 600, "only " + ids.length + " tokens");
        assertEquals(text, tok.decode(ids));
    }

    /** The heap-based merge must choose exactly the pairs of run.c's quadratic rescan. */
    @Test
    void mergesLikeTheQuadraticReference() {
        Random random = new Random(42);
        String alphabet = "abcdefghijklmnopqrstuvwxyz      .,!?'\nLTOSé日";
        for (int trial = 0; trial < 300; trial++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertArrayEquals(referenceEncode(text), tok.encodeIds(text), () -> "text: " + text);
        }
        for (JsonNode c : GOLDEN.path("cases")) {
            String text = c.path("text").asText();
            assertArrayEquals(referenceEncode(text), tok.encodeIds(text));
        }
    }

    /** A transliteration of run.c's encode(text, 1, 0), O(n²), on the public accessors. */
    private static int[] referenceEncode(String text) {
        List<Integer> tokens = new ArrayList<>();
        tokens.add(1);
        if (!text.isEmpty()) {
            tokens.add(tok.tokenToId(" ").getAsInt());
        }
        text.codePoints().forEach(cp -> {
            String s = new String(Character.toChars(cp));
            OptionalInt id = tok.tokenToId(s);
            if (id.isPresent()) {
                tokens.add(id.getAsInt());
            } else {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    tokens.add((b & 0xFF) + 3);
                }
            }
        });
        while (true) {
            float best = -1e10f;
            int bestId = -1;
            int bestIdx = -1;
            for (int i = 0; i < tokens.size() - 1; i++) {
                OptionalInt id = tok.tokenToId(
                        tok.piece(tokens.get(i)) + tok.piece(tokens.get(i + 1)));
                if (id.isPresent() && tok.score(id.getAsInt()) > best) {
                    best = tok.score(id.getAsInt());
                    bestId = id.getAsInt();
                    bestIdx = i;
                }
            }
            if (bestIdx < 0) {
                break;
            }
            tokens.set(bestIdx, bestId);
            tokens.remove(bestIdx + 1);
        }
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void concurrentEncodingGivesTheSameIds() throws Exception {
        List<String> texts = new ArrayList<>();
        List<int[]> expected = new ArrayList<>();
        for (JsonNode c : GOLDEN.path("cases")) {
            texts.add(c.path("text").asText());
            expected.add(Fixtures.ints(c.path("ids")));
        }
        texts.add(Fixtures.longText());
        expected.add(tok.encodeIds(Fixtures.longText()));
        assertEquals(0, Fixtures.concurrentMismatches(8, 20, texts, expected, tok::encodeIds));
    }

    @Test
    void decodeRejectsIdsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {512}));
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {-1}));
    }

    // ---- bad files: a one-line ModelFormatException naming the file ----

    @Test
    void missingFile() {
        Path file = tmp.resolve("tokenizer.bin");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Llama2cTokenizer.load(file, 512));
        Fixtures.assertOneLineNaming(file, e);
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void folderInsteadOfFile() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Llama2cTokenizer.load(tmp, 512));
        Fixtures.assertOneLineNaming(tmp, e);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 9, 100, 3000, 6226})
    void truncatedFile(int length) throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path(TOK));
        Path file = tmp.resolve("truncated.bin");
        Files.write(file, Arrays.copyOf(full, length));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Llama2cTokenizer.load(file, 512));
        Fixtures.assertOneLineNaming(file, e);
    }

    @Test
    void truncatedFileReadToTheEnd() throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path(TOK));
        Path file = tmp.resolve("truncated.bin");
        Files.write(file, Arrays.copyOf(full, full.length - 3));
        Fixtures.assertOneLineNaming(file, assertThrows(ModelFormatException.class,
                () -> Llama2cTokenizer.load(file)));
    }

    @Test
    void vocabularyLargerThanTheFile() {
        Path file = Fixtures.path(TOK);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Llama2cTokenizer.load(file, Integer.MAX_VALUE));
        Fixtures.assertOneLineNaming(file, e);
        assertThrows(ModelFormatException.class, () -> Llama2cTokenizer.load(file, 513));
    }

    @Test
    void garbage() throws IOException {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            byte[] bytes = new byte[1 + random.nextInt(5000)];
            random.nextBytes(bytes);
            Path file = tmp.resolve("garbage" + trial + ".bin");
            Files.write(file, bytes);
            Fixtures.assertOneLineNaming(file, assertThrows(ModelFormatException.class,
                    () -> Llama2cTokenizer.load(file, 300)));
            Fixtures.assertOneLineNaming(file, assertThrows(ModelFormatException.class,
                    () -> Llama2cTokenizer.load(file)));
        }
    }

    @Test
    void hugeLengthIsRejectedBeforeAllocating() throws IOException {
        // max_token_length 7, then one token claiming 2 GB of piece bytes.
        byte[] bytes = {7, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        Path file = tmp.resolve("huge.bin");
        Files.write(file, bytes);
        Fixtures.assertOneLineNaming(file, assertThrows(ModelFormatException.class,
                () -> Llama2cTokenizer.load(file)));
    }
}
