package org.detectgpt.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.detectgpt.language.Language;
import org.detectgpt.language.LanguageDetector;
import org.detectgpt.util.Args;

/**
 * A named, immutable list of labelled evaluation texts, in file order.
 *
 * <p>The name identifies the set in reports, e.g. {@code fast-detect-gpt-open/validation/
 * xsum_gpt2-xl} (see {@link DatasetReader#nameOf(java.nio.file.Path)}). A data set may hold one
 * class only (e.g. a MixSet revised file); ROC metrics need both, see {@link #hasBothLabels()}
 * and {@link #concat(String, List)}.
 */
public final class EvalDataset {
    private final String name;
    private final List<LabeledText> items;
    private final int machineCount;

    /**
     * @param name display name, not blank
     * @param items the texts (copied)
     */
    public EvalDataset(String name, List<LabeledText> items) {
        Args.notNull(name, "name");
        Args.check(!name.isBlank(), "data set name must not be blank");
        this.name = name;
        this.items = List.copyOf(Args.notNull(items, "items"));
        int machine = 0;
        for (LabeledText item : this.items) {
            if (item.isMachine()) {
                machine++;
            }
        }
        this.machineCount = machine;
    }

    /** Texts whose language is detected for {@link #language()}: enough for a majority, cheap on large sets. */
    private static final int LANGUAGE_SAMPLE = 50;

    /** @return the language of most of its first {@value #LANGUAGE_SAMPLE} texts (English when empty) */
    public Language language() {
        Map<Language, Integer> votes = new EnumMap<>(Language.class);
        items.stream().limit(LANGUAGE_SAMPLE).forEach(t -> votes.merge(LanguageDetector.detect(t.text()), 1,
            Integer::sum));
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
            .orElse(Language.ENGLISH);
    }

    /** @return the display name */
    public String name() {
        return name;
    }

    /** @return the texts in file order, unmodifiable */
    public List<LabeledText> items() {
        return items;
    }

    /** @return number of texts */
    public int size() {
        return items.size();
    }

    /** @return number of machine-written texts */
    public int machineCount() {
        return machineCount;
    }

    /** @return number of human-written texts */
    public int humanCount() {
        return items.size() - machineCount;
    }

    /**
     * @param label a label
     * @return number of texts with {@code label}
     */
    public int count(Label label) {
        return label.isMachine() ? machineCount : humanCount();
    }

    /** @return whether there is at least one text of each label (needed for an ROC curve) */
    public boolean hasBothLabels() {
        return machineCount > 0 && machineCount < items.size();
    }

    /**
     * @param label a label
     * @return the texts with {@code label}, in file order, unmodifiable
     */
    public List<String> texts(Label label) {
        Args.notNull(label, "label");
        List<String> texts = new ArrayList<>();
        for (LabeledText item : items) {
            if (item.label() == label) {
                texts.add(item.text());
            }
        }
        return List.copyOf(texts);
    }

    /**
     * @param f applied to every text, e.g. {@code org.detectgpt.text.Whitespace::collapse}
     * @return a data set of the same name and labels with transformed texts
     */
    public EvalDataset mapTexts(UnaryOperator<String> f) {
        Args.notNull(f, "f");
        List<LabeledText> mapped = new ArrayList<>(items.size());
        for (LabeledText item : items) {
            mapped.add(new LabeledText(f.apply(item.text()), item.label(), item.source(), item.generator()));
        }
        return new EvalDataset(name, mapped);
    }

    /**
     * @param name name of the result
     * @param parts data sets whose items are concatenated in order, e.g. a MixSet human file and
     *     a revised file
     * @return the concatenation
     */
    public static EvalDataset concat(String name, List<EvalDataset> parts) {
        Args.notNull(parts, "parts");
        List<LabeledText> all = new ArrayList<>();
        for (EvalDataset part : parts) {
            all.addAll(part.items);
        }
        return new EvalDataset(name, all);
    }

    @Override
    public String toString() {
        return name + " (" + size() + " texts: " + humanCount() + " human, " + machineCount
            + " machine)";
    }
}
