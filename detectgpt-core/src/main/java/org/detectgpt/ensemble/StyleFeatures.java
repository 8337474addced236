package org.detectgpt.ensemble;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Style features of a text from its {@link TextTokens}: how long and how even its sentences
 * are, its word length, vocabulary variety, function-word and punctuation habits and how its
 * sentences open. None of them grows with the text's length (rates and means only), so the
 * head cannot learn "long means machine" from data whose classes differ in length.
 *
 * <ol>
 *   <li>{@code sentence_mean}, {@code sentence_sd}, {@code sentence_cv}: words per sentence,
 *       its standard deviation and their ratio (assistants write evener sentences);</li>
 *   <li>{@code word_length}, {@code word_length_sd}: characters per word;</li>
 *   <li>{@code mattr}: moving-average type-token ratio over windows of 50 words;</li>
 *   <li>{@code function_words}: share of words among the ~70 commonest English function words
 *       (for Chinese: among the commonest function characters);</li>
 *   <li>{@code comma}, {@code semicolon_colon}, {@code dash}, {@code quote}, {@code paren},
 *       {@code exclaim_question}: punctuation per word;</li>
 *   <li>{@code first_person}, {@code second_person}: I/me/my/we…, you/your per word;</li>
 *   <li>{@code transition_openers}: share of sentences opening with a connective (however,
 *       moreover, additionally, overall, …; Chinese 此外, 总之, 首先 …);</li>
 *   <li>{@code repeated_openers}: share of sentences whose first word opened an earlier one;</li>
 *   <li>{@code digits}: number tokens per word.</li>
 * </ol>
 */
public final class StyleFeatures {
    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of("sentence_mean", "sentence_sd", "sentence_cv", "word_length",
        "word_length_sd", "mattr", "function_words", "comma", "semicolon_colon", "dash", "quote", "paren",
        "exclaim_question", "first_person", "second_person", "transition_openers", "repeated_openers", "digits");

    private static final Set<String> FUNCTION_WORDS = Set.of("the", "of", "and", "a", "an", "to", "in", "is",
        "was", "it", "that", "for", "on", "with", "as", "he", "she", "they", "we", "you", "i", "his", "her",
        "their", "our", "my", "be", "are", "were", "been", "at", "by", "this", "from", "or", "not", "but",
        "have", "has", "had", "which", "what", "when", "there", "can", "will", "would", "all", "if", "so",
        "them", "him", "me", "us", "do", "did", "about", "into", "than", "then", "its", "who", "one", "more",
        // Chinese function characters
        "的", "了", "是", "在", "和", "也", "就", "都", "而", "及", "与", "着", "或", "之", "其", "把", "被", "让", "给", "对");
    private static final Set<String> FIRST = Set.of("i", "me", "my", "mine", "we", "us", "our", "i'm", "i've", "i'd",
        "我", "我们");
    private static final Set<String> SECOND = Set.of("you", "your", "yours", "you're", "你", "您");
    private static final Set<String> TRANSITIONS = Set.of("however", "moreover", "additionally", "furthermore",
        "overall", "ultimately", "in", "firstly", "secondly", "finally", "therefore", "thus", "consequently",
        "nevertheless", "meanwhile", "despite", "while", "as", "with", "by", "through", "this", "these", "although",
        "此", "总", "首", "其", "因", "然", "另", "综", "同", "但", "而");

    private StyleFeatures() {}

    /**
     * @param tokens a text's tokens
     * @return the features in {@link #NAMES} order (zeros for a text without words)
     */
    public static double[] of(List<String> tokens) {
        int words = 0;
        double wlSum = 0;
        double wlSq = 0;
        int comma = 0;
        int semi = 0;
        int dash = 0;
        int quote = 0;
        int paren = 0;
        int excl = 0;
        int fn = 0;
        int first = 0;
        int second = 0;
        int digits = 0;
        int sentences = 0;
        int transitions = 0;
        int repeated = 0;
        Set<String> openers = new HashSet<>();
        double[] sentLen = new double[tokens.size() + 1];
        int cur = 0;
        boolean atStart = true;
        String[] wordSeq = new String[tokens.size()];
        for (String t : tokens) {
            if (t.equals(TextTokens.SENTENCE_END)) {
                if (cur > 0) {
                    sentLen[sentences++] = cur;
                }
                cur = 0;
                atStart = true;
                continue;
            }
            if (TextTokens.isWord(t)) {
                wordSeq[words++] = t;
                cur++;
                int len = t.codePointCount(0, t.length());
                wlSum += len;
                wlSq += (double) len * len;
                fn += FUNCTION_WORDS.contains(t) ? 1 : 0;
                first += FIRST.contains(t) ? 1 : 0;
                second += SECOND.contains(t) ? 1 : 0;
                digits += t.equals("#") ? 1 : 0;
                if (atStart) {
                    transitions += TRANSITIONS.contains(t) ? 1 : 0;
                    repeated += openers.add(t) ? 0 : 1;
                    atStart = false;
                }
                continue;
            }
            switch (t) {
                case ",", "，", "、" -> comma++;
                case ";", ":", "；", "：" -> semi++;
                case "-", "\u2013", "\u2014", "\u2015" -> dash++;
                case "\"", "'", "「", "」", "『", "』" -> quote++;
                case "(", ")", "（", "）", "[", "]" -> paren++;
                case "!", "?", "！", "？" -> excl++;
                default -> { }
            }
        }
        if (cur > 0) {
            sentLen[sentences++] = cur;
        }
        if (words == 0) {
            return new double[NAMES.size()];
        }
        double sm = 0;
        for (int i = 0; i < sentences; i++) {
            sm += sentLen[i];
        }
        sm /= sentences;
        double sv = 0;
        for (int i = 0; i < sentences; i++) {
            sv += (sentLen[i] - sm) * (sentLen[i] - sm);
        }
        double ssd = Math.sqrt(sv / sentences);
        double wl = wlSum / words;
        double w = words;
        int openings = Math.max(1, sentences);
        return new double[] {
            Math.log1p(sm), Math.log1p(ssd), ssd / sm, wl, Math.sqrt(Math.max(0, wlSq / words - wl * wl)),
            mattr(wordSeq, words, 50), fn / w, comma / w, semi / w, dash / w, quote / w, paren / w, excl / w,
            first / w, second / w, transitions / (double) openings, repeated / (double) openings, digits / w
        };
    }

    /** Moving-average type-token ratio (Covington and McFall 2010); plain TTR below one window. */
    static double mattr(String[] words, int n, int window) {
        if (n <= window) {
            return new HashSet<>(java.util.Arrays.asList(words).subList(0, n)).size() / (double) n;
        }
        Map<String, Integer> counts = new HashMap<>();
        int distinct = 0;
        for (int i = 0; i < window; i++) {
            if (counts.merge(words[i], 1, Integer::sum) == 1) {
                distinct++;
            }
        }
        double sum = distinct;
        for (int i = window; i < n; i++) {
            if (counts.merge(words[i], 1, Integer::sum) == 1) {
                distinct++;
            }
            if (counts.merge(words[i - window], -1, Integer::sum) == 0) {
                distinct--;
            }
            sum += distinct;
        }
        return sum / (n - window + 1) / window;
    }
}
