package org.detectgpt.detect;

import java.util.Objects;

/**
 * One sentence of a scored document.
 *
 * @param text the sentence, whitespace collapsed
 * @param score the criterion's score of the sentence's tokens alone (higher = more machine-like);
 *     NaN when the sentence has too few tokens to score
 * @param highlighted whether it is among the most machine-like sentences of its document
 * @param paragraphEnd whether a paragraph break follows it in the document
 */
public record ScoredSentence(String text, double score, boolean highlighted, boolean paragraphEnd) {
    /** Checks that the text is not null. */
    public ScoredSentence {
        Objects.requireNonNull(text, "text");
    }
}
