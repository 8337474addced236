package org.detectgpt.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.language.Language;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SentenceScorerTest {
    @Test
    void sentencesParagraphsAndScoringText() {
        SentenceSplit s = SentenceSplit.of("Title\n\nOne  two.\nThree four? Five!\n\n\nLast one.", Language.ENGLISH);
        assertEquals(List.of("Title", "One two.", "Three four?", "Five!", "Last one."), s.sentences());
        assertEquals("Title One two. Three four? Five! Last one.", s.scoringText());
        assertEquals(s.scoringText().indexOf("Five!"), s.start(3));
        assertTrue(s.paragraphEnd(0) && !s.paragraphEnd(1) && !s.paragraphEnd(2) && s.paragraphEnd(3));
        assertFalse(s.paragraphEnd(4));
        SentenceSplit zh = SentenceSplit.of("今天下雨了。我们在家看书！你呢？", Language.CHINESE);
        assertEquals(List.of("今天下雨了。", "我们在家看书！", "你呢？"), zh.sentences());
        assertEquals("今天下雨了。我们在家看书！你呢？", zh.scoringText(), "no space where the text had none");
    }

    @Test
    void tokensArePlacedAtTheirFirstNonSpaceCharacter() {
        String text = "The cat sat. A dog ran.";
        int[] at = SentenceScorer.anchors(text, List.of(new TokenSpan(3, 7), new TokenSpan(7, 11), new TokenSpan(11, 12),
            new TokenSpan(12, 14), new TokenSpan(14, 14), new TokenSpan(14, 15), new TokenSpan(23, 23)));
        // " A" carries the space between the sentences: it belongs to the second; a token of space
        // alone, or of no text, goes with the text after it; one at the very end counts as the last character
        assertArrayEquals(new int[] {4, 8, 11, 13, 15, 15, 22}, at);
    }

    @Test
    void sentenceScoresComeFromTheDocumentsTokenStatistics() throws Exception {
        Criterion c = Criteria.forName("likelihood");
        Detector d = Detector.builder().setModel(ModelLoader.load(Fixtures.path("stories260K/stories260K.bin")))
            .setCriterion(c).build();
        SentenceSplit split = SentenceSplit.of("Once upon a time, there was a little girl named Lily. She loved to "
            + "play outside in the park.\n\nOne day, she saw a big, red ball. Xq zvv jjrk plo qqa wux.", Language.ENGLISH);
        DetectionResult r = d.detect(split);
        List<ScoredSentence> sentences = r.sentences();
        assertEquals(r.score(), d.detect(split.scoringText()).score(), 0);
        assertTrue(d.detect(split.scoringText()).sentences().isEmpty());
        assertEquals(4, sentences.size());
        sentences.forEach(s -> assertFalse(Double.isNaN(s.score()), s.toString()));
        assertTrue(sentences.get(3).score() < sentences.get(1).score(), "gibberish is less likely than a story");
        assertEquals(1, sentences.stream().filter(ScoredSentence::highlighted).count(), "top 20 % of 4, at least 1");
        assertFalse(sentences.get(3).highlighted());
        assertTrue(sentences.get(1).paragraphEnd());
    }

    /**
     * Chinese under a byte-fallback tokenizer: every token is a byte of a character, whose text
     * alone is U+FFFD. Placed by their spans, each sentence gets its own tokens (a search for the
     * tokens' text found none of them and put them all in the first sentence).
     */
    @Test
    void byteTokensOfChineseLandInTheirOwnSentences() throws Exception {
        Detector d = Detector.builder().setModel(ModelLoader.load(Fixtures.path("stories260K/stories260K.bin")))
            .setCriterion("likelihood").build();
        SentenceSplit split = SentenceSplit.of("今天下雨了。我们在家看书！你呢？", Language.CHINESE);
        DetectionResult r = d.detect(split);
        assertEquals(3, r.sentences().size());
        r.sentences().forEach(s -> assertFalse(Double.isNaN(s.score()), s.toString()));
        // the scored tokens: the dummy-prefix space (no text), then 16 characters of 3 bytes each
        assertEquals(1 + 3 * 16, r.spans().size());
        assertEquals(new TokenSpan(0, 0), r.spans().get(0));
        assertEquals(new TokenSpan(15, 16), r.spans().get(r.spans().size() - 1));
        assertEquals(split.start(1), r.spans().get(1 + 3 * 6).start(), "the first byte of sentence 2 starts it");
    }
}
