package org.detectgpt.detect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.stats.TokenStatistics;

/**
 * The outcome of scoring one text: the score and everything needed to say how it was made
 * (provenance). Immutable.
 *
 * @param score the criterion's score; higher means more likely machine-written
 * @param criterion the criterion's name
 * @param model the scoring model
 * @param samplingModel the sampling (reference / observer) model, if one was used
 * @param statistics per-token statistics of the text under the model(s)
 * @param tokens the text of each scored token (position i is token i + 1 of the sequence)
 * @param seed the random seed, for criteria that draw random numbers
 */
public record DetectionResult(double score, String criterion, ModelInfo model, Optional<ModelInfo> samplingModel,
        TokenStatistics statistics, List<String> tokens, OptionalLong seed) {
    /** Checks components and copies the token list. */
    public DetectionResult {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(samplingModel, "samplingModel");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(seed, "seed");
        tokens = List.copyOf(tokens);
        if (tokens.size() != statistics.size()) {
            throw new IllegalArgumentException(tokens.size() + " token texts for " + statistics.size() + " positions");
        }
    }
}
