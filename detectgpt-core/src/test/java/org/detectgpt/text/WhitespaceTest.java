package org.detectgpt.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhitespaceTest {
    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of("", ""),
            Arguments.of(" \t\n\r ", ""),
            Arguments.of("a", "a"),
            Arguments.of("  a  b  ", "a b"),
            Arguments.of("a\n\nb\tc\r\nd", "a b c d"),
            Arguments.of("a\u00A0b\u3000c\u2003d\u202Fe\u2028f\u0085g\u000Bh\u000Ci", "a b c d e f g h i"),
            Arguments.of("\u3000中文\u3000\u3000文本\u3000", "中文 文本"),
            // zero-width space and BOM are not whitespace; U+001F is not Unicode whitespace
            Arguments.of("a\u200Bb\uFEFFc\u001Fd", "a\u200Bb\uFEFFc\u001Fd"),
            // supplementary characters survive
            Arguments.of("😀 \n 𝔸", "😀 𝔸"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("cases")
    void collapses(String in, String expected) {
        assertEquals(expected, Whitespace.collapse(in));
        assertEquals(expected, Whitespace.collapse(expected), "idempotent");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000})
    void unicodeWhiteSpace(int cp) {
        assertTrue(Whitespace.isWhitespace(cp));
        assertTrue(Character.toString(cp).matches("\\p{IsWhite_Space}"), "agrees with regex");
    }

    @Test
    void agreesWithTheRegexPropertyOnTheBmp() {
        for (int cp = 0; cp <= 0xFFFF; cp++) {
            if (Character.isSurrogate((char) cp)) {
                continue;
            }
            assertEquals(Character.toString(cp).matches("\\p{IsWhite_Space}"),
                Whitespace.isWhitespace(cp), Integer.toHexString(cp));
        }
        assertFalse(Whitespace.isWhitespace(0x200B));
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> Whitespace.collapse(null));
    }
}
