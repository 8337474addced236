package org.detectgpt.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.criterion.LearnedCriterion;
import org.detectgpt.criterion.LogLikelihood;
import org.detectgpt.criterion.TokenCriterion;
import org.detectgpt.stats.TokenStatistics;

/**
 * Per-sentence scores from a document's per-token statistics, without scoring anything again:
 * each scored token is placed in the sentence where its text sits — by the tokenizer's character
 * span ({@link DetectionResult#spans()}), at its first non-space character, so a token that
 * carries (or is) the space between two sentences belongs to the second — and the criterion is
 * applied to the statistics of each sentence's tokens alone ({@link TokenStatistics#slice}). A
 * learned head that reads no statistics scores each sentence's own text.
 *
 * <p>Sentences with fewer than {@value #MIN_TOKENS} scored tokens get NaN. The most machine-like
 * sentences — the top {@value #HIGHLIGHT_SHARE_PERCENT} % of the scored ones, at least one, at
 * most {@value #MAX_HIGHLIGHTS} — are highlighted. That ranking is within the document: sentence
 * scores are noisy and uncalibrated, they show where to look, not what to conclude.
 */
public final class SentenceScorer {
    /** Fewest scored tokens for a sentence score. */
    public static final int MIN_TOKENS = 4;
    /** Share of the scored sentences highlighted, in percent. */
    public static final int HIGHLIGHT_SHARE_PERCENT = 20;
    /** Most sentences highlighted in one document. */
    public static final int MAX_HIGHLIGHTS = 5;

    private SentenceScorer() {}

    /**
     * @param split the document's sentences; {@code result} must be the score of its scoring text
     * @param result the document's detection result
     * @param criterion the criterion that made it; perturbation and regeneration criteria have no
     *     per-token form, so sentences are then ranked by likelihood
     * @return one scored sentence per sentence of {@code split}
     */
    static List<ScoredSentence> score(SentenceSplit split, DetectionResult result, Criterion criterion) {
        int n = split.size();
        double[] scores = new double[n];
        Arrays.fill(scores, Double.NaN);
        LearnedCriterion head = criterion instanceof LearnedCriterion h ? h : null;
        TokenCriterion tokens = criterion instanceof TokenCriterion t ? t : head == null ? new LogLikelihood() : null;
        if (head != null && !head.needsStatistics()) {
            // a head that reads text scores each sentence's own text
            for (int i = 0; i < n; i++) {
                String s = split.sentences().get(i);
                if (org.detectgpt.language.TextMeasure.of(s).words() >= MIN_TOKENS) {
                    scores[i] = head.score(s, null);
                }
            }
            return scored(split, scores);
        }
        int[] starts = anchors(split.scoringText(), result.spans());
        TokenStatistics stats = result.statistics();
        int from = 0;
        while (from < starts.length) {
            int sentence = split.sentenceAt(starts[from]);
            int to = from + 1;
            while (to < starts.length && split.sentenceAt(starts[to]) == sentence) {
                to++;
            }
            if (to - from >= MIN_TOKENS) {
                TokenStatistics slice = stats.slice(from, to);
                scores[sentence] = tokens != null ? tokens.score(slice)
                    : head.score(split.sentences().get(sentence), slice);
            }
            from = to;
        }
        return scored(split, scores);
    }

    private static List<ScoredSentence> scored(SentenceSplit split, double[] scores) {
        int n = split.size();
        boolean[] top = highlights(scores);
        List<ScoredSentence> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ScoredSentence(split.sentences().get(i), scores[i], top[i], split.paragraphEnd(i)));
        }
        return out;
    }

    /**
     * @return for each token, the first non-space character at or after its start: a token that is
     *     only space (or no text) goes with the text that follows it
     */
    static int[] anchors(String text, List<TokenSpan> spans) {
        int[] at = new int[spans.size()];
        for (int i = 0; i < at.length; i++) {
            int c = spans.get(i).start();
            while (c < text.length() && Character.isWhitespace(text.charAt(c))) {
                c++;
            }
            at[i] = Math.min(c, Math.max(0, text.length() - 1));
        }
        return at;
    }

    private static boolean[] highlights(double[] scores) {
        Integer[] order = new Integer[scores.length];
        int scored = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                order[scored++] = i;
            }
        }
        Integer[] ranked = Arrays.copyOf(order, scored);
        Arrays.sort(ranked, (a, b) -> Double.compare(scores[b], scores[a]));
        int k = Math.min(MAX_HIGHLIGHTS, Math.max(scored == 0 ? 0 : 1,
            (int) Math.ceil(scored * HIGHLIGHT_SHARE_PERCENT / 100.0)));
        boolean[] top = new boolean[scores.length];
        for (int i = 0; i < k; i++) {
            top[ranked[i]] = true;
        }
        return top;
    }
}
