package org.detectgpt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.detectgpt.DetectGptException;
import org.detectgpt.hub.ModelLocator;
import org.detectgpt.language.Language;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.models.BundledModels;
import picocli.CommandLine.Option;

/**
 * The model options every scoring command shares. A model is given as a path, a bundled model's
 * name, or a Hugging Face repo id pulled with {@code detectgpt models pull}; without
 * {@code --model} the bundled default is used once one ships.
 */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
        description = {"Scoring model: a Hugging Face model folder, a llama2.c .bin checkpoint, a bundled model's "
            + "name, or a repo id pulled with 'detectgpt models pull' (owner/name[@revision])."})
    String model;

    @Option(names = "--sampling-model", paramLabel = "MODEL",
        description = "Sampling/reference model with the same tokenizer (fast-detectgpt, binoculars).")
    String samplingModel;

    @Option(names = "--tokenizer", paramLabel = "FILE",
        description = "Tokenizer file overriding the one found beside the model (tokenizer.json or tokenizer.bin).")
    Path tokenizer;

    CausalLm loadModel() throws DetectGptException {
        return loadModel(Language.ENGLISH);
    }

    /**
     * @param language a language with a bundled default model
     * @return the model given with {@code --model}, or without it the bundled default of the language
     */
    CausalLm loadModel(Language language) throws DetectGptException {
        return load(model, language, "--model");
    }

    CausalLm loadSamplingModel() throws DetectGptException {
        return samplingModel == null ? null : load(samplingModel, null, "--sampling-model");
    }

    /**
     * @return the default calibration of the bundled model in use (the one named by {@code --model},
     *     or the bundled English default without it), if it ships one
     */
    Optional<Path> bundledCalibration() {
        Optional<BundledModels.BundledModel> m = model == null ? BundledModels.defaultFor(Language.ENGLISH)
            : BundledModels.find(model).filter(b -> !Files.exists(Path.of(model)));
        return m.flatMap(BundledModels.BundledModel::calibration);
    }

    /**
     * @param spec what the user gave, or null for the bundled default of {@code language}
     * @param language the language whose bundled default stands in for a missing spec, or null
     * @param option the option's name, for the message
     * @return the loaded model
     */
    CausalLm load(String spec, Language language, String option) throws DetectGptException {
        if (spec == null) {
            var bundled = language == null ? null : BundledModels.defaultFor(language).orElse(null);
            if (bundled == null) {
                throw new IllegalArgumentException(option + " is required: no bundled default model ships yet "
                    + "(give a model folder, a .bin checkpoint or a pulled repo id)");
            }
            return ModelLoader.load(bundled.path(), tokenizer);
        }
        return ModelLoader.load(ModelLocator.fromEnvironment().resolve(spec), tokenizer);
    }
}
