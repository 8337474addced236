package org.detectgpt.data;

import org.detectgpt.util.Args;

/**
 * One evaluation text and its ground truth. The text is kept as read (not normalized); see
 * {@link EvalDataset#mapTexts(java.util.function.UnaryOperator)}.
 *
 * @param text the text, not null (may be empty: rejecting unscorable texts is the scorer's job)
 * @param label who wrote it, not null
 * @param source where the text comes from (a data set's {@code source} field), or "" when unknown
 * @param generator the model that wrote it ({@code human} for people), or "" when unknown
 */
public record LabeledText(String text, Label label, String source, String generator) {
    /**
     * @param text the text
     * @param label who wrote it
     */
    public LabeledText(String text, Label label) {
        this(text, label, "", "");
    }

    /**
     * Checks that neither component is null.
     *
     * @param text the text
     * @param label who wrote it
     */
    public LabeledText {
        Args.notNull(text, "text");
        Args.notNull(label, "label");
        Args.notNull(source, "source");
        Args.notNull(generator, "generator");
    }

    /** @return whether the text is machine-written */
    public boolean isMachine() {
        return label.isMachine();
    }
}
