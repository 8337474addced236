package org.detectgpt.document;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes the bytes of a plain-text file whose encoding nobody declared.
 *
 * <p>Order: a byte-order mark wins (UTF-8, UTF-16 LE/BE); then bytes that are valid UTF-8 are
 * UTF-8 (the common case, and a check no statistical detector beats); then Mozilla's universal
 * detector (juniversalchardet) guesses among the legacy encodings (GB18030/GBK, Big5, Shift_JIS,
 * windows-125x, …); if it has no guess, windows-1252, which decodes every byte.
 *
 * <p>Bytes that look binary (NUL bytes, or many control characters) are refused: a text
 * extracted from them would be noise, and scoring noise gives confident nonsense.
 */
final class TextDecoding {
    /** The decoded text and the name of the encoding used. */
    record Decoded(String text, String charset) {}

    private TextDecoding() {}

    static Decoded decode(String file, byte[] bytes) throws DocumentException {
        Charset bom = bomCharset(bytes);
        if (bom != null) {
            int skip = bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
            return checked(file, new String(bytes, skip, bytes.length - skip, bom), bom.name());
        }
        if (hasNul(bytes)) {
            throw new DocumentException(file, "binary data (NUL bytes), not text");
        }
        String utf8 = strictUtf8(bytes);
        if (utf8 != null) {
            return checked(file, utf8, StandardCharsets.UTF_8.name());
        }
        Charset guessed = guess(bytes);
        return checked(file, new String(bytes, guessed), guessed.name());
    }

    private static Charset bomCharset(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean hasNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Charset guess(byte[] bytes) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, bytes.length);
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // an encoding the JVM lacks: fall through to the byte-preserving default
            }
        }
        return Charset.forName("windows-1252");
    }

    /** Refuses decoded text in which more than 5 % of the characters are control characters. */
    private static Decoded checked(String file, String text, String charset) throws DocumentException {
        long controls = text.chars().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r'
            && c != '\t' && c != '\f').count();
        if (controls > 0.05 * Math.max(1, text.length())) {
            throw new DocumentException(file, "binary data (" + controls + " control characters), not text");
        }
        return new Decoded(text, charset);
    }
}
