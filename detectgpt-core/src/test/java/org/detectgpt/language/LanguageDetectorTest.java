package org.detectgpt.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
    @Test
    void englishChineseAndOther() {
        assertEquals(Language.ENGLISH, LanguageDetector.detect("The cat sat on the mat and it was happy."));
        assertEquals(Language.CHINESE, LanguageDetector.detect("今天天气很好，我们去公园散步吧。"));
        assertEquals(Language.CHINESE, LanguageDetector.detect("我最喜欢的书是 Harry Potter，因为它很有趣，故事也很精彩。"));
        assertEquals(Language.OTHER, LanguageDetector.detect("Le chat dort sur le canapé pendant que nous mangeons."));
        assertEquals(Language.OTHER, LanguageDetector.detect("Привет, как дела? Всё хорошо."));
        assertEquals(Language.OTHER, LanguageDetector.detect("1234 5678 !!!"));
    }

    @Test
    void wordsCountChineseCharactersAndWords() {
        TextMeasure m = TextMeasure.of("Don't stop, well-known 中文字 text.");
        assertEquals(3, m.hanCharacters());
        assertEquals(4, m.latinWords());
        assertEquals(7, m.words());
    }
}
