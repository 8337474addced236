package org.detectgpt.perturb;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * DetectGPT's span masking, as {@code tokenize_and_mask} in the reference implementation
 * (Mitchell et al. 2023; the fast-detect-gpt repository's {@code baselines/detect_gpt.py}).
 *
 * <p>The text is split on single spaces (so newlines stay inside words and runs of spaces give
 * empty words, as Python's {@code split(' ')}). Then, until {@code n_spans} spans are placed, a
 * start is drawn uniformly in {@code [0, len − span)} of the <em>current</em> word list; if no
 * mask lies within {@code buffer} words of {@code [start, start + span)}, those words are
 * replaced by one mask (so the list shrinks and later draws see it). Masks are then numbered
 * {@code <extra_id_0>}, {@code <extra_id_1>}, … left to right and the words joined by spaces.
 *
 * <p>Two bounds the reference lacks: {@code n_spans} is capped by the sentinels the filler has
 * (T5 has 100), and drawing stops after {@value #DRAWS_PER_SPAN} draws per span (when no
 * placement is left, the reference loops forever), leaving fewer spans.
 */
public final class Masking {
    /** Draws allowed per span before giving up on placing more. */
    static final int DRAWS_PER_SPAN = 1000;
    private static final String SENTINEL_PREFIX = "<extra_id_";

    private Masking() {}

    /** @return {@code <extra_id_i>} */
    public static String sentinel(int i) {
        return SENTINEL_PREFIX + i + ">";
    }

    /** @return whether a space-separated word is a sentinel, as the reference's {@code count_masks} */
    static boolean isSentinel(String word) {
        return word.startsWith(SENTINEL_PREFIX);
    }

    /**
     * @param text the text
     * @param config pct, span length and buffer
     * @param maxSpans the most sentinels the filler can take
     * @param rng the draws
     * @return the masked text
     */
    public static MaskedText mask(String text, PerturbationConfig config, int maxSpans, RandomGenerator rng) {
        String[] words = text.split(" ", -1);
        int span = config.spanLength();
        int buffer = config.buffer();
        int target = Math.min(config.spans(words.length), maxSpans);
        // the current list: an original word index, or −(1 + span number) for a mask
        List<Integer> cur = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            cur.add(i);
        }
        List<Integer> spanStarts = new ArrayList<>();
        long draws = 0;
        while (spanStarts.size() < target && cur.size() > span && draws++ < (long) DRAWS_PER_SPAN * target) {
            int start = rng.nextInt(cur.size() - span);
            int end = start + span;
            if (!hasMask(cur, Math.max(0, start - buffer), Math.min(cur.size(), end + buffer))) {
                spanStarts.add(cur.get(start));
                cur.subList(start, end).clear();
                cur.add(start, -spanStarts.size());
            }
        }
        StringBuilder masked = new StringBuilder(text.length());
        List<MaskedText.Span> spans = new ArrayList<>();
        for (int i = 0; i < cur.size(); i++) {
            if (i > 0) {
                masked.append(' ');
            }
            int w = cur.get(i);
            if (w < 0) {
                masked.append(sentinel(spans.size()));
                spans.add(new MaskedText.Span(spanStarts.get(-w - 1), span));
            } else {
                masked.append(words[w]);
            }
        }
        return new MaskedText(text, masked.toString(), spans);
    }

    private static boolean hasMask(List<Integer> cur, int from, int to) {
        for (int i = from; i < to; i++) {
            if (cur.get(i) < 0) {
                return true;
            }
        }
        return false;
    }
}
