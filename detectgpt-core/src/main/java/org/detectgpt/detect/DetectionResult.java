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
 * @param spans where each scored token sits in the scored text, from the tokenizer's offsets
 * @param seed the random seed, for criteria that draw random numbers (detectgpt, npr, dna-gpt)
 * @param filler the mask filler's name, for criteria that perturb the text
 * @param details the parts of the score, typed by the criterion's kind ({@link Details#NONE} for
 *     token-statistics criteria and learned heads)
 * @param sentences the scored text by sentence with sentence scores, when it was scored by
 *     sentence ({@link Detector#detect(SentenceSplit)}); else empty
 * @param timing where the time of the call that made it went ({@link Timing#NONE} if not measured)
 */
public record DetectionResult(double score, String criterion, ModelInfo model, Optional<ModelInfo> samplingModel,
        TokenStatistics statistics, List<String> tokens, List<TokenSpan> spans, OptionalLong seed,
        Optional<String> filler, Details details, List<ScoredSentence> sentences, Timing timing) {
    /** Checks components and copies the lists. */
    public DetectionResult {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(samplingModel, "samplingModel");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(filler, "filler");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(details, "details");
        tokens = List.copyOf(tokens);
        spans = List.copyOf(spans);
        sentences = List.copyOf(sentences);
        if (spans.size() != tokens.size()) {
            throw new IllegalArgumentException(spans.size() + " token spans for " + tokens.size() + " tokens");
        }
        if (tokens.size() != statistics.size()) {
            throw new IllegalArgumentException(tokens.size() + " token texts for " + statistics.size() + " positions");
        }
    }

    /** @return a copy with {@code t} as its timing */
    public DetectionResult withTiming(Timing t) {
        return new DetectionResult(score, criterion, model, samplingModel, statistics, tokens, spans, seed, filler,
            details, sentences, t);
    }

    /** @return a copy with these sentence scores */
    public DetectionResult withSentences(List<ScoredSentence> s) {
        return new DetectionResult(score, criterion, model, samplingModel, statistics, tokens, spans, seed, filler,
            details, s, timing);
    }

    /** A result without seed, filler, details, sentences or timing: a token-statistics criterion's. */
    public DetectionResult(double score, String criterion, ModelInfo model, Optional<ModelInfo> samplingModel,
            TokenStatistics statistics, List<String> tokens, List<TokenSpan> spans) {
        this(score, criterion, model, samplingModel, statistics, tokens, spans, OptionalLong.empty(), Optional.empty(),
            Details.NONE, List.of(), Timing.NONE);
    }
}
