package org.detectgpt.detect;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.detectgpt.language.Language;
import org.detectgpt.text.Whitespace;

/**
 * A document cut into sentences (the JDK's {@link BreakIterator}, which knows both the English
 * full stop and the Chinese 。！？), and the text that is actually scored: the sentences with
 * every whitespace run collapsed to one space — the same normalisation as evaluations and
 * calibrations, so that line breaks a PDF or a word processor put in do not change a score.
 *
 * <p>{@link #scoringText()} is the sentences joined, with a space between two sentences only where
 * the document had whitespace between them, so {@link #start(int)} gives each sentence's exact
 * offset in it.
 */
public final class SentenceSplit {
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n\\s*");

    private final List<String> sentences;
    private final boolean[] paragraphEnds;
    private final int[] starts;
    private final String scoringText;

    private SentenceSplit(List<String> sentences, boolean[] paragraphEnds, int[] starts, String scoringText) {
        this.sentences = sentences;
        this.paragraphEnds = paragraphEnds;
        this.starts = starts;
        this.scoringText = scoringText;
    }

    /**
     * @param text a document's text
     * @param language its language (selects the sentence rules)
     * @return its sentences
     */
    public static SentenceSplit of(String text, Language language) {
        List<String> out = new ArrayList<>();
        List<Boolean> ends = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        StringBuilder joined = new StringBuilder(text.length());
        BreakIterator it = BreakIterator.getSentenceInstance(language.locale());
        // A blank line always ends a sentence: a title or a list item has no full stop.
        for (String paragraph : PARAGRAPH_BREAK.split(text)) {
            it.setText(paragraph);
            int before = out.size();
            for (int s = it.first(), e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
                String raw = paragraph.substring(s, e);
                String collapsed = Whitespace.collapse(raw);
                if (collapsed.isEmpty()) {
                    continue;
                }
                boolean spaceBefore = out.size() > before ? endsWithSpace(paragraph, s)
                    : joined.length() > 0;
                if (spaceBefore) {
                    joined.append(' ');
                }
                starts.add(joined.length());
                joined.append(collapsed);
                out.add(collapsed);
                ends.add(false);
            }
            if (out.size() > before) {
                ends.set(ends.size() - 1, true);
            }
        }
        if (!ends.isEmpty()) {
            ends.set(ends.size() - 1, false);
        }
        boolean[] pe = new boolean[ends.size()];
        for (int i = 0; i < pe.length; i++) {
            pe[i] = ends.get(i);
        }
        return new SentenceSplit(List.copyOf(out), pe, starts.stream().mapToInt(Integer::intValue).toArray(),
            joined.toString());
    }

    /** @return whether whitespace comes just before offset {@code i} (sentences are joined with a space then) */
    private static boolean endsWithSpace(String s, int i) {
        return i > 0 && Whitespace.isWhitespace(s.codePointBefore(i));
    }

    /** @return the text to score: sentences joined with single spaces */
    public String scoringText() {
        return scoringText;
    }

    /** @return the sentences, whitespace collapsed */
    public List<String> sentences() {
        return sentences;
    }

    /** @return the number of sentences */
    public int size() {
        return sentences.size();
    }

    /** @return offset of sentence {@code i} in {@link #scoringText()} */
    public int start(int i) {
        return starts[i];
    }

    /** @return whether a paragraph break follows sentence {@code i} */
    public boolean paragraphEnd(int i) {
        return paragraphEnds[i];
    }

    /** @return the index of the sentence holding offset {@code offset} of the scoring text */
    int sentenceAt(int offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
