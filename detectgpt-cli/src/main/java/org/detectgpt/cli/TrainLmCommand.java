package org.detectgpt.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.train.TrainConfig;
import org.detectgpt.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code detectgpt train-lm}: trains a small Llama-architecture model from a JSON configuration. */
@Command(name = "train-lm", mixinStandardHelpOptions = true,
    description = {"Train a small Llama-architecture language model on the CPU and export it as a Hugging Face folder",
        "(OUT/model: config.json, model.safetensors, tokenizer.json). Seeded; checkpoints every checkpoint_every steps."})
final class TrainLmCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "The training configuration (JSON).")
    Path config;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint.bin if it exists.")
    boolean resume;

    @Option(names = "--stop-after", paramLabel = "STEP", description = "Stop after this step (with a checkpoint).")
    Integer stopAfter;

    @Override
    public Integer call() throws DetectGptException, IOException {
        TrainConfig c = TrainConfig.read(config);
        new Trainer(c, new PrintStream(System.out, true, StandardCharsets.UTF_8)).run(resume, stopAfter == null ? Integer.MAX_VALUE : stopAfter);
        return 0;
    }
}
