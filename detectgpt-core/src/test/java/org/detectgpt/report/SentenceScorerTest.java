package org.detectgpt.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.detectgpt.detect.Criteria;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.detect.DetectionResult;
import org.detectgpt.detect.Detector;
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
    void tokensArePlacedWhereTheirTextIs() {
        String text = "The cat sat. A dog ran.";
        int[] starts = SentenceScorer.tokenStarts(text, List.of(" cat", " sat", ".", "\uFFFD", " A", " dog", "zzz",
            " ran", "."));
        assertArrayEquals(new int[] {4, 8, 11, 13, 13, 15, 19, 19, 22}, starts);
    }

    @Test
    void sentenceScoresComeFromTheDocumentsTokenStatistics() throws Exception {
        Criterion c = Criteria.forName("likelihood");
        Detector d = Detector.builder().setModel(ModelLoader.load(Fixtures.path("stories260K/stories260K.bin")))
            .setCriterion(c).build();
        SentenceSplit split = SentenceSplit.of("Once upon a time, there was a little girl named Lily. She loved to "
            + "play outside in the park.\n\nOne day, she saw a big, red ball. Xq zvv jjrk plo qqa wux.", Language.ENGLISH);
        DetectionResult r = d.detect(split.scoringText());
        List<ScoredSentence> sentences = SentenceScorer.score(split, r, c);
        assertEquals(4, sentences.size());
        sentences.forEach(s -> assertFalse(Double.isNaN(s.score()), s.toString()));
        assertTrue(sentences.get(3).score() < sentences.get(1).score(), "gibberish is less likely than a story");
        assertEquals(1, sentences.stream().filter(ScoredSentence::highlighted).count(), "top 20 % of 4, at least 1");
        assertFalse(sentences.get(3).highlighted());
        assertTrue(sentences.get(1).paragraphEnd());
    }
}
