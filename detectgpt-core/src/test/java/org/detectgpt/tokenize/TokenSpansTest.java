package org.detectgpt.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Character spans of tokens ({@link Tokenizer#encode}) on the fixture tokenizers,
 * English, Chinese and characters outside the BMP (two UTF-16 units) included.
 */
class TokenSpansTest {
    private static final String MIXED = "naïve café 😀 中文字 ok.";
    private static final String CHINESE = "今天下雨了。我们在家看书！你呢？";

    static Tokenizer tokenizer(String name) throws Exception {
        return name.endsWith(".bin") ? Llama2cTokenizer.load(Fixtures.path(name), 512)
            : HfTokenizer.load(Fixtures.path(name));
    }

    static Stream<Arguments> cases() {
        List<String> texts = new ArrayList<>(List.of(MIXED, CHINESE, "Once upon a time, there was a girl. 𝒜 fine day!",
            "  leading and  double  spaces\n\nand a new paragraph", ""));
        for (JsonNode group : (Iterable<JsonNode>) () -> Fixtures.json("hf-tiny-tokenization/tokenization-cases.json")
                .elements()) {
            group.forEach(c -> texts.add(c.path("text").asText()));
        }
        List<Arguments> out = new ArrayList<>();
        for (String tok : List.of("gpt2-tokenizer/tokenizer.json", "hf-tiny/llama-tiny/tokenizer.json",
                "hf-tiny/t5-tiny/tokenizer.json", "stories260K/tok512.bin")) {
            for (String t : texts) {
                out.add(Arguments.of(tok, t));
            }
        }
        return out.stream();
    }

    /**
     * The ids are {@code encode}'s; spans are ordered and inside the text; every non-space
     * character is covered by a token; and a token whose own text is whole characters covers
     * exactly that text (up to the space a tokenizer folds into the token before a word).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void spansCoverTheTextInOrder(String name, String text) throws Exception {
        Tokenizer tok = tokenizer(name);
        EncodedText e = tok.encode(text);
        assertArrayEquals(tok.encodeIds(text), e.ids());
        boolean[] covered = new boolean[text.length()];
        for (int i = 0; i < e.size(); i++) {
            assertTrue(e.start(i) <= e.end(i) && e.end(i) <= text.length(), "token " + i);
            assertTrue(i == 0 || e.start(i - 1) <= e.start(i), "starts never decrease, token " + i);
            for (int c = e.start(i); c < e.end(i); c++) {
                covered[c] = true;
            }
            String piece = tok.piece(e.id(i));
            String covers = text.substring(e.start(i), e.end(i));
            boolean wholeCharacters = !piece.isEmpty() && piece.indexOf('\uFFFD') < 0 && e.end(i) > e.start(i)
                && !piece.startsWith("<") && !Character.isLowSurrogate(text.charAt(e.start(i)));
            if (wholeCharacters && !name.contains("t5")) {
                assertEquals(piece.strip(), covers.strip(), "token " + i + " of " + name);
            }
        }
        for (int c = 0; c < text.length(); c++) {
            assertTrue(covered[c] || Character.isWhitespace(text.charAt(c)), "character " + c + " not covered");
        }
    }

    @Test
    void byteLevelSpansCountUtf16Units() throws Exception {
        EncodedText e = tokenizer("gpt2-tokenizer/tokenizer.json").encode(MIXED);
        // na|ïve| café| 😀 as two byte tokens| (space)|中|文 as two|字 as two| ok|.
        int[][] spans = {{0, 2}, {2, 5}, {5, 10}, {10, 13}, {11, 13}, {13, 14}, {14, 15}, {15, 16}, {15, 16},
            {16, 17}, {16, 17}, {17, 20}, {20, 21}};
        assertEquals(spans.length, e.size());
        for (int i = 0; i < spans.length; i++) {
            assertArrayEquals(spans[i], new int[] {e.start(i), e.end(i)}, "token " + i);
        }
    }

    @Test
    void llama2cBosAndDummySpaceCoverNothingAndByteTokensCoverTheirCharacter() throws Exception {
        Tokenizer tok = tokenizer("stories260K/tok512.bin");
        EncodedText e = tok.encode("Lily 中.");
        assertEquals(Llama2cTokenizer.BOS, e.id(0));
        assertArrayEquals(new int[] {0, 0}, new int[] {e.start(0), e.end(0)});
        int bytes = 0;
        for (int i = 1; i < e.size(); i++) {
            if (e.id(i) >= 3 && e.id(i) < 3 + 256) {
                bytes++;
                assertArrayEquals(new int[] {5, 6}, new int[] {e.start(i), e.end(i)}, "byte token " + i);
            }
        }
        assertEquals(3, bytes, "中 is three UTF-8 bytes, none in this vocabulary");
        assertEquals(7, e.end(e.size() - 1));
    }

    @Test
    void t5EndOfSequenceSitsAtTheEnd() throws Exception {
        Tokenizer tok = tokenizer("hf-tiny/t5-tiny/tokenizer.json");
        EncodedText e = tok.encode(CHINESE);
        int last = e.size() - 1;
        assertEquals(tok.eosId().orElseThrow(), e.id(last));
        assertEquals(e.start(last), e.end(last));
        assertEquals(e.end(last - 1), e.start(last));
    }
}
