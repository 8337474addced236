package org.detectgpt.cli;

import java.nio.file.Path;
import java.util.Collection;
import org.detectgpt.DetectGptException;
import org.detectgpt.criterion.LikelihoodRatio;
import org.detectgpt.hub.ModelLocator;
import org.detectgpt.language.Language;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.models.BundledModels;
import org.detectgpt.models.ModelSet;
import picocli.CommandLine.Option;

/**
 * The model options every scoring command shares, parsed into a {@link ModelSet}. A model is
 * given as a path, a bundled model's name, or a Hugging Face repo id pulled with
 * {@code detectgpt models pull}; without {@code --model} the bundled defaults are used.
 */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
        description = {"Scoring model: a Hugging Face model folder, a llama2.c .bin checkpoint, a bundled model's "
            + "name, or a repo id pulled with 'detectgpt models pull' (owner/name[@revision])."})
    String model;

    @Option(names = "--sampling-model", paramLabel = "MODEL",
        description = "Sampling/reference model with the same tokenizer (fast-detectgpt, binoculars; the human-side model for likelihood-ratio).")
    String samplingModel;

    @Option(names = "--tokenizer", paramLabel = "FILE",
        description = "Tokenizer file overriding the one found beside the model (tokenizer.json or tokenizer.bin).")
    Path tokenizer;

    /**
     * Refuses, before any model loads, a criterion that needs the second model of a pair when none
     * is named, saying which bundled model is that second model.
     *
     * @param criteria the criteria a command will run
     */
    void checkPairFor(Collection<String> criteria) {
        if (samplingModel == null && criteria.contains(LikelihoodRatio.NAME)) {
            throw new IllegalArgumentException(LikelihoodRatio.NAME
                + " needs --sampling-model, the human side of the pair (bundled: "
                + BundledModels.ENGLISH_HUMAN + ")");
        }
    }

    /**
     * @param modelZh the Chinese model option, or null (commands without {@code --model-zh})
     * @return the per-language model set these options name
     */
    ModelSet set(String modelZh) {
        return ModelSet.bundled(spec -> ModelLocator.fromEnvironment().resolve(spec)).withModel(model)
            .withChineseModel(modelZh).withSamplingModel(samplingModel).withTokenizer(tokenizer);
    }

    /**
     * @param language a text's language
     * @return the model that scores texts of that language: {@code --model}, or without it the
     *     bundled default of the language
     */
    CausalLm loadModel(Language language) throws DetectGptException {
        ModelSet set = set(null);
        return set.load(set.slotFor(language));
    }
}
