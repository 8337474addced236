package org.detectgpt.perturb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a mask filler's output back into the text, as {@code extract_fills} and
 * {@code apply_extracted_fills} in the DetectGPT reference implementation.
 *
 * <p>{@link #extract}: drop {@code <pad>} and {@code </s>}, trim, split on every
 * {@code <extra_id_N>}, and keep the pieces <em>between</em> sentinels (the text before the first
 * and after the last are dropped, so an output cut off before its closing sentinel loses its last
 * fill), each trimmed. Sentinel numbers are not checked: the k-th piece fills the k-th mask.
 *
 * <p>{@link #apply}: with the masked text split on single spaces, the k-th fill replaces the word
 * {@code <extra_id_k>}; with fewer fills than masks the perturbation fails (the caller re-masks
 * and retries), extra fills are ignored.
 */
public final class Fills {
    private static final Pattern SENTINEL = Pattern.compile("<extra_id_\\d+>");

    private Fills() {}

    /**
     * @param raw a mask-filling model's decoded output, special tokens kept, e.g.
     *     {@code "<pad><extra_id_0> a dog<extra_id_1> ran<extra_id_2></s>"}
     * @return the fills, e.g. {@code ["a dog", "ran"]}
     */
    public static List<String> extract(String raw) {
        String x = raw.replace("<pad>", "").replace("</s>", "").strip();
        // limit −1 keeps the trailing empty piece, as Python's re.split does
        String[] parts = SENTINEL.split(x, -1);
        List<String> fills = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) {
            fills.add(parts[i].strip());
        }
        return fills;
    }

    /**
     * @param masked the masked text
     * @param fills fills in sentinel order
     * @return the filled text, or empty when there are fewer fills than masks
     */
    public static Optional<String> apply(MaskedText masked, List<String> fills) {
        int n = masked.masks();
        if (fills.size() < n) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(Arrays.asList(masked.masked().split(" ", -1)));
        for (int k = 0; k < n; k++) {
            int at = words.indexOf(Masking.sentinel(k));
            if (at < 0) {
                return Optional.empty(); // a sentinel that was in the original text: no clean place for it
            }
            words.set(at, fills.get(k));
        }
        return Optional.of(String.join(" ", words));
    }
}
