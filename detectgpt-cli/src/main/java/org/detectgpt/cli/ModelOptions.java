package org.detectgpt.cli;

import java.nio.file.Path;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.ModelFormatException;
import org.detectgpt.model.load.ModelLoader;
import picocli.CommandLine.Option;

/** The model options every scoring command shares. */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "PATH",
        description = "Scoring model: a Hugging Face model folder or a llama2.c .bin checkpoint.")
    Path model;

    @Option(names = "--sampling-model", paramLabel = "PATH",
        description = "Sampling/reference model with the same tokenizer (fast-detectgpt, binoculars).")
    Path samplingModel;

    @Option(names = "--tokenizer", paramLabel = "FILE",
        description = "Tokenizer file overriding the one found beside the model (tokenizer.json or tokenizer.bin).")
    Path tokenizer;

    CausalLm loadModel() throws ModelFormatException {
        return ModelLoader.load(model, tokenizer);
    }

    CausalLm loadSamplingModel() throws ModelFormatException {
        return samplingModel == null ? null : ModelLoader.load(samplingModel, tokenizer);
    }
}
