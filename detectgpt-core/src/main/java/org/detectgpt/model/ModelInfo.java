package org.detectgpt.model;

import java.util.Objects;

/**
 * Identity of a loaded model, carried by every result it produces (provenance).
 *
 * @param name short name: the folder or checkpoint file name, or a bundled model's name
 * @param architecture the {@code model_type} (for example {@code llama}, {@code gpt2}) or
 *     {@code llama2c}
 * @param source where it was loaded from (a path or a bundled resource name)
 * @param parameters number of weights
 */
public record ModelInfo(String name, String architecture, String source, long parameters) {
    /** Checks that no component is null. */
    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return name + " (" + architecture + ", " + parameters + " parameters)";
    }
}
