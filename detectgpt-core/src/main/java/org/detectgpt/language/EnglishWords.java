package org.detectgpt.language;

import java.util.Locale;
import java.util.Set;

/** The most frequent English function words: about 40 % of the words of ordinary English prose. */
final class EnglishWords {
    private static final Set<String> FUNCTION_WORDS = Set.of("the", "of", "and", "a", "an", "to", "in", "is",
        "was", "it", "that", "for", "on", "with", "as", "he", "she", "they", "we", "you", "i", "his", "her",
        "their", "our", "my", "be", "are", "were", "been", "at", "by", "this", "from", "or", "not", "but",
        "have", "has", "had", "which", "what", "when", "there", "can", "will", "would", "all", "if", "so",
        "them", "him", "me", "us", "do", "did", "about", "into", "than", "then", "its", "who", "one", "more");

    private EnglishWords() {}

    static boolean isFunctionWord(String word) {
        return FUNCTION_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }
}
