package org.detectgpt.data;

import org.detectgpt.util.Args;

/**
 * One evaluation text and its ground truth. The text is kept as read (not normalized); see
 * {@link EvalDataset#mapTexts(java.util.function.UnaryOperator)}.
 *
 * @param text the text, not null (may be empty: rejecting unscorable texts is the scorer's job)
 * @param label who wrote it, not null
 */
public record LabeledText(String text, Label label) {
    /**
     * Checks that neither component is null.
     *
     * @param text the text
     * @param label who wrote it
     */
    public LabeledText {
        Args.notNull(text, "text");
        Args.notNull(label, "label");
    }

    /** @return whether the text is machine-written */
    public boolean isMachine() {
        return label.isMachine();
    }
}
