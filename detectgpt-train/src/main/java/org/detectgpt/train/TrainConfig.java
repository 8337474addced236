package org.detectgpt.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.detectgpt.DetectGptException;

/**
 * A training run, read from a JSON file. Relative paths resolve against the file's folder.
 *
 * <pre>{@code
 * {
 *   "tokenizer": "tokenizer.json",
 *   "sources": [ {"path": "../../shared/data/corpora/modern-en", "format": "text", "weight": 1} ],
 *   "out": "runs/en",
 *   "dim": 256, "layers": 4, "heads": 4, "ffn": 688, "context": 256,
 *   "batch": 16, "steps": 2000, "lr": 0.001, "warmup": 100, "weight_decay": 0.1,
 *   "seed": 1, "eval_every": 100, "checkpoint_every": 100, "dtype": "F16"
 * }
 * }</pre>
 *
 * @param tokenizer the {@code tokenizer.json} to train with
 * @param sources training text
 * @param out output folder (checkpoint, log, exported model)
 * @param dim model width
 * @param layers blocks
 * @param heads attention heads
 * @param ffn SwiGLU width
 * @param context sequence length
 * @param batch sequences per step
 * @param steps optimiser steps
 * @param lr peak learning rate (linear warm-up, cosine decay to 10 %)
 * @param warmup warm-up steps
 * @param weightDecay AdamW λ
 * @param clip gradient-norm clip
 * @param seed seed of initialisation and batch sampling
 * @param evalEvery steps between validation measurements
 * @param evalBatches validation batches per measurement
 * @param checkpointEvery steps between checkpoints
 * @param validationFraction tail fraction of every source held out for validation
 * @param dtype storage type of the exported weights (F32, F16, BF16)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TrainConfig(
        @JsonProperty("tokenizer") String tokenizer,
        @JsonProperty("sources") List<Source> sources,
        @JsonProperty("out") String out,
        @JsonProperty("dim") int dim,
        @JsonProperty("layers") int layers,
        @JsonProperty("heads") int heads,
        @JsonProperty("ffn") int ffn,
        @JsonProperty("context") int context,
        @JsonProperty("batch") int batch,
        @JsonProperty("steps") int steps,
        @JsonProperty("lr") double lr,
        @JsonProperty("warmup") int warmup,
        @JsonProperty("weight_decay") double weightDecay,
        @JsonProperty("clip") double clip,
        @JsonProperty("seed") long seed,
        @JsonProperty("eval_every") int evalEvery,
        @JsonProperty("eval_batches") int evalBatches,
        @JsonProperty("checkpoint_every") int checkpointEvery,
        @JsonProperty("validation_fraction") double validationFraction,
        @JsonProperty("dtype") String dtype) {

    /**
     * One body of training text.
     *
     * @param path a file or a folder (every {@code .txt} in it)
     * @param format {@code text} (paragraphs), {@code gutenberg-nltk} (detokenized first), or
     *     {@code eval} (the texts of development-set files: fast-detect-gpt JSON, JSONL, MixSet)
     * @param weight how often it is sampled relative to its size (1 = in proportion)
     */
    public record Source(@JsonProperty("path") String path, @JsonProperty("format") String format,
            @JsonProperty("weight") double weight) {}

    /** Fills defaults for omitted numbers. */
    public TrainConfig {
        clip = clip == 0 ? 1.0 : clip;
        evalBatches = evalBatches == 0 ? 8 : evalBatches;
        validationFraction = validationFraction == 0 ? 0.02 : validationFraction;
        dtype = dtype == null ? "F16" : dtype;
    }

    /**
     * @param file the JSON configuration
     * @return it, with relative paths resolved against its folder
     * @throws DetectGptException if unreadable or invalid
     */
    public static TrainConfig read(Path file) throws DetectGptException {
        TrainConfig c;
        try {
            c = new ObjectMapper().readValue(file.toFile(), TrainConfig.class);
        } catch (IOException e) {
            throw new DetectGptException(file + ": invalid training configuration: "
                + e.getMessage().lines().findFirst().orElse(""));
        }
        if (c.tokenizer == null || c.sources == null || c.sources.isEmpty() || c.out == null || c.steps <= 0
                || c.batch <= 0 || c.lr <= 0) {
            throw new DetectGptException(file + ": needs tokenizer, sources, out, steps, batch and lr");
        }
        Path base = file.toAbsolutePath().getParent();
        return new TrainConfig(base.resolve(c.tokenizer).normalize().toString(),
            c.sources.stream().map(s -> new Source(base.resolve(s.path).normalize().toString(),
                s.format == null ? "text" : s.format, s.weight == 0 ? 1 : s.weight)).toList(),
            base.resolve(c.out).normalize().toString(), c.dim, c.layers, c.heads, c.ffn, c.context, c.batch,
            c.steps, c.lr, c.warmup, c.weightDecay, c.clip, c.seed, c.evalEvery, c.evalBatches,
            c.checkpointEvery, c.validationFraction, c.dtype);
    }

    /** @return the model dimensions */
    public TrainableLlama.Shape shape(int vocab) {
        return new TrainableLlama.Shape(vocab, dim, layers, heads, ffn, context);
    }
}
