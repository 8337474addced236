package org.detectgpt.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading fills back from hand-made mask-filler outputs, as the reference implementation does. */
class FillsTest {
    private static final MaskedText TWO = new MaskedText("The cat sat on the warm mat today.",
        "The <extra_id_0> on the <extra_id_1> today.", List.of(new MaskedText.Span(1, 2), new MaskedText.Span(5, 2)));

    @Test
    void extractsTheTextBetweenSentinels() {
        assertEquals(List.of("dog ran", "cold floor"),
            Fills.extract("<pad><extra_id_0> dog ran<extra_id_1> cold floor<extra_id_2></s>"));
        // spaces around fills are trimmed, sentinel numbers are not checked
        assertEquals(List.of("a", "b c"), Fills.extract("<extra_id_5>  a <extra_id_9>\tb c \n<extra_id_0>"));
        // an empty fill is a fill
        assertEquals(List.of("", "x"), Fills.extract("<extra_id_0><extra_id_1> x<extra_id_2>"));
    }

    @Test
    void anOutputCutBeforeItsClosingSentinelLosesItsLastFill() {
        assertEquals(List.of("dog ran"), Fills.extract("<pad><extra_id_0> dog ran<extra_id_1> cold floor"));
        assertEquals(List.of("dog ran"), Fills.extract("<extra_id_0> dog ran<extra_id_1> cold floor</s>"));
    }

    @Test
    void garbageGivesNoFills() {
        assertEquals(List.of(), Fills.extract(""));
        assertEquals(List.of(), Fills.extract("<pad></s>"));
        assertEquals(List.of(), Fills.extract("just words, no sentinel at all"));
        assertEquals(List.of(), Fills.extract("<extra_id_0> only one sentinel"));
        assertEquals(List.of(), Fills.extract("<extra_id_> <extra_idx_1> <extra_id_a>"));
        assertEquals(List.of("ok"), Fills.extract("junk before <extra_id_0> ok <extra_id_1> junk after"));
    }

    @Test
    void appliesFillsInSentinelOrder() {
        assertEquals(Optional.of("The dog ran on the cold floor today."),
            Fills.apply(TWO, Fills.extract("<pad><extra_id_0> dog ran<extra_id_1> cold floor<extra_id_2></s>")));
        // extra fills are ignored
        assertEquals(Optional.of("The a on the b today."), Fills.apply(TWO, List.of("a", "b", "c")));
        // an empty fill leaves two spaces, as " ".join does
        assertEquals(Optional.of("The  on the b today."), Fills.apply(TWO, List.of("", "b")));
    }

    @Test
    void tooFewFillsFail() {
        assertTrue(Fills.apply(TWO, List.of("only one")).isEmpty());
        assertTrue(Fills.apply(TWO, Fills.extract("<extra_id_0> dog ran<extra_id_1> cold floor")).isEmpty());
        assertTrue(Fills.apply(TWO, Fills.extract("garbage")).isEmpty());
    }

    @Test
    void aTextWithoutMasksNeedsNoFills() {
        MaskedText none = new MaskedText("short text", "short text", List.of());
        assertEquals(Optional.of("short text"), Fills.apply(none, List.of()));
    }
}
