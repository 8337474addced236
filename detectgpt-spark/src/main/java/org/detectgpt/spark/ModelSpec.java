package org.detectgpt.spark;

import java.io.Serializable;
import java.util.Objects;
import org.detectgpt.detect.Criteria;

/**
 * Which detector a Spark task needs: the key of the models an executor keeps loaded.
 *
 * @param model empty for the embedded defaults (English, and Chinese for Chinese texts); else a
 *     model folder on every node (shared storage), a bundled model's name, a repo id pulled with
 *     {@code detectgpt models pull}, or a Hadoop URI ({@code hdfs:}, {@code file:}, {@code s3a:} …)
 *     of a Hugging Face folder, copied to each node's local disk once
 * @param criterion the criterion's name
 */
public record ModelSpec(String model, String criterion) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks the criterion's name (on the driver, before any task runs). */
    public ModelSpec {
        model = model == null ? "" : model.strip();
        Objects.requireNonNull(criterion, "criterion");
        if (!Criteria.isKnown(criterion)) {
            throw new IllegalArgumentException("unknown criterion '" + criterion + "' (known: "
                + String.join(", ", Criteria.names()) + ")");
        }
    }

    /** @return whether the embedded default models are meant */
    public boolean isDefault() {
        return model.isEmpty();
    }

    /** @return whether the model is a Hadoop URI to copy to local disk (a scheme of 2+ letters: not C:) */
    public boolean isUri() {
        return model.matches("[A-Za-z][A-Za-z0-9+.-]+:.*");
    }
}
