package org.detectgpt.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference's tokenize_and_mask: span count, spacing, sentinels, seeding. */
class MaskingTest {
    static String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append("w").append(i);
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0} words, pct {1}, span {2}, buffer {3} → {4} spans")
    @CsvSource({"100,0.3,2,1,7", "13,0.3,2,1,0", "14,0.3,2,1,1", "40,0.3,2,1,3", "100,0.15,2,1,3", "100,0.3,3,2,4",
        "200,0.3,2,0,30"})
    void spanCountIsTheFlooredShare(int words, double pct, int span, int buffer, int expected) {
        PerturbationConfig c = PerturbationConfig.defaults().withPct(pct).withSpanLength(span).withBuffer(buffer);
        assertEquals(expected, c.spans(words));
        MaskedText m = Masking.mask(words(words), c, Integer.MAX_VALUE, new SplittableRandom(3));
        assertEquals(expected, m.masks());
    }

    @Test
    void spansAreNumberedKeepTheirBufferAndMapBackToTheOriginal() {
        PerturbationConfig c = PerturbationConfig.defaults();
        for (int seed = 0; seed < 200; seed++) {
            String text = words(120);
            MaskedText m = Masking.mask(text, c, Integer.MAX_VALUE, new SplittableRandom(seed));
            List<String> masked = Arrays.asList(m.masked().split(" ", -1));
            int next = 0;
            int lastMask = -10;
            for (int i = 0; i < masked.size(); i++) {
                if (Masking.isSentinel(masked.get(i))) {
                    assertEquals(Masking.sentinel(next++), masked.get(i));
                    assertTrue(i - lastMask > c.buffer(), "masks " + lastMask + " and " + i + " within the buffer");
                    lastMask = i;
                }
            }
            assertEquals(m.masks(), next);
            assertEquals(120 - m.masks() * (c.spanLength() - 1), masked.size());
            // putting the original words back gives the original text
            List<String> fills = new ArrayList<>();
            String[] original = text.split(" ");
            int prevEnd = -1;
            for (MaskedText.Span s : m.spans()) {
                assertTrue(s.start() > prevEnd, "spans in reading order, not overlapping");
                prevEnd = s.start() + s.words() - 1;
                fills.add(String.join(" ", Arrays.copyOfRange(original, s.start(), s.start() + s.words())));
            }
            assertEquals(text, Fills.apply(m, fills).orElseThrow());
        }
    }

    @Test
    void splitsOnSingleSpacesOnly() {
        String text = "one  two\nthree four\tfive six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen";
        // "one", "", "two\nthree", "four\tfive", "six" … "sixteen": 15 words, ⌊0.3 · 15 / 4⌋ = 1 span
        MaskedText m = Masking.mask(text, PerturbationConfig.defaults(), 100, new SplittableRandom(1));
        assertEquals(15, text.split(" ", -1).length);
        assertEquals(1, m.masks());
        List<String> fills = List.of(String.join(" ", Arrays.copyOfRange(text.split(" ", -1), m.spans().get(0).start(),
            m.spans().get(0).start() + 2)));
        assertEquals(text, Fills.apply(m, fills).orElseThrow());
    }

    @Test
    void sameSeedSameMasksAndACapOnSentinels() {
        PerturbationConfig c = PerturbationConfig.defaults();
        String text = words(300);
        assertEquals(Masking.mask(text, c, 100, new SplittableRandom(9)),
            Masking.mask(text, c, 100, new SplittableRandom(9)));
        assertNotEquals(Masking.mask(text, c, 100, new SplittableRandom(9)).masked(),
            Masking.mask(text, c, 100, new SplittableRandom(10)).masked());
        assertEquals(5, Masking.mask(text, c, 5, new SplittableRandom(9)).masks());
    }

    @Test
    void givesUpOnSpansThatCannotBePlaced() {
        // pct 1 asks for ⌊20/4⌋ = 5 spans of 2 plus buffers: a jam can leave fewer, never a hang
        PerturbationConfig c = PerturbationConfig.defaults().withPct(1.0).withBuffer(3);
        MaskedText m = Masking.mask(words(20), c, 100, new SplittableRandom(4));
        assertTrue(m.masks() >= 1 && m.masks() <= 2, "masks " + m.masks());
    }
}
