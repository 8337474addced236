package org.detectgpt.models;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.detectgpt.DetectGptException;
import org.detectgpt.models.BundledModels;
import org.detectgpt.language.Language;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.ensemble.Ensemble;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;

/**
 * Which model scores texts of which language, with the bundled models as the fallback. There are
 * two slots: the default model ({@link Language#ENGLISH}'s slot) scores English and every language
 * without its own; the Chinese slot is used when a Chinese model is given, or when no model was
 * given at all (neither a default nor a sampling model) and the bundled Chinese model ships: a
 * sampling model pairs the default model, and that pair then scores every text, as a named
 * default model alone does (there is no Chinese pair to stand in for it). Without a default model the bundled English
 * one stands in. {@code scan}, {@code score}, {@code calibrate} and {@code eval} choose models
 * through it, so a text goes to the same model whichever command reads it.
 *
 * <p>A model is named as the user typed it (a path, a bundled model's name, a pulled repo id); a
 * {@link Locator} turns that into a path. The sampling model and the tokenizer override belong to
 * the default model (a Chinese model rarely shares its tokenizer). Immutable; {@code with*}
 * return copies; models are loaded on each {@link #load} call (callers keep what they load).
 */
public final class ModelSet {
    /** Turns a model as the user named it into the path of its folder or checkpoint. */
    @FunctionalInterface
    public interface Locator {
        /**
         * @param spec a path, a bundled model's name or a pulled repo id
         * @return the model's path
         * @throws DetectGptException if it names nothing there is
         */
        Path resolve(String spec) throws DetectGptException;
    }

    private final Locator locator;
    private final String model;
    private final String chinese;
    private final String sampling;
    private final Path tokenizer;

    private ModelSet(Locator locator, String model, String chinese, String sampling, Path tokenizer) {
        this.locator = locator;
        this.model = model;
        this.chinese = chinese;
        this.sampling = sampling;
        this.tokenizer = tokenizer;
    }

    /**
     * @param locator resolves named models
     * @return the bundled defaults only
     */
    public static ModelSet bundled(Locator locator) {
        return new ModelSet(locator, null, null, null, null);
    }

    /** @return a copy whose default model is {@code spec} (null: the bundled English one) */
    public ModelSet withModel(String spec) {
        return new ModelSet(locator, spec, chinese, sampling, tokenizer);
    }

    /** @return a copy that scores Chinese texts with {@code spec} (null: the default rule) */
    public ModelSet withChineseModel(String spec) {
        return new ModelSet(locator, model, spec, sampling, tokenizer);
    }

    /** @return a copy whose default model has the sampling model {@code spec} (null: none) */
    public ModelSet withSamplingModel(String spec) {
        return new ModelSet(locator, model, chinese, spec, tokenizer);
    }

    /** @return a copy loading named models and the default model with this tokenizer file (null: their own) */
    public ModelSet withTokenizer(Path file) {
        return new ModelSet(locator, model, chinese, sampling, file);
    }

    /** @return whether a default model was named (else the bundled English one is used) */
    public boolean hasModel() {
        return model != null;
    }

    /**
     * @param language a text's language
     * @return the slot whose model scores it: {@link Language#CHINESE} when a Chinese model applies
     *     to it, else {@link Language#ENGLISH} (the default model)
     */
    public Language slotFor(Language language) {
        return language == Language.CHINESE && hasChineseSlot() ? Language.CHINESE : Language.ENGLISH;
    }

    /** @return the slots in use: {@link Language#ENGLISH}, then {@link Language#CHINESE} if a Chinese model applies */
    public List<Language> slots() {
        return hasChineseSlot() ? List.of(Language.ENGLISH, Language.CHINESE) : List.of(Language.ENGLISH);
    }

    private boolean hasChineseSlot() {
        return chinese != null || model == null && sampling == null && BundledModels.defaultFor(Language.CHINESE).isPresent();
    }

    /**
     * @param slot {@link Language#ENGLISH} (the default model) or {@link Language#CHINESE}
     * @return that slot's model, loaded
     * @throws DetectGptException if it cannot be found or loaded
     * @throws IllegalArgumentException if no model was named and none is bundled for the slot
     */
    public CausalLm load(Language slot) throws DetectGptException {
        if (slot == Language.CHINESE && hasChineseSlot()) {
            return chinese != null ? ModelLoader.load(locator.resolve(chinese), tokenizer)
                : ModelLoader.load(bundledDefault(Language.CHINESE, "--model-zh").path());
        }
        return model != null ? ModelLoader.load(locator.resolve(model), tokenizer)
            : ModelLoader.load(bundledDefault(Language.ENGLISH, "--model").path(), tokenizer);
    }

    /**
     * @return the default model's sampling model, if one was named
     * @throws DetectGptException if it cannot be found or loaded
     */
    public Optional<CausalLm> loadSampling() throws DetectGptException {
        return sampling == null ? Optional.empty() : Optional.of(ModelLoader.load(locator.resolve(sampling), tokenizer));
    }

    /**
     * The sampling model a slot's detector gets: the one named, else — for an {@code ensemble}
     * head over an aligned pair — the pair's human side, which the head's file names
     * ({@link Ensemble#pairedModel()}).
     *
     * @param named the sampling model named for the slot (as {@link #loadEach} hands it over), or null
     * @param criterion the criterion it scores with
     * @return {@code named}, or that human-side model loaded; empty when neither applies
     * @throws DetectGptException if the human side cannot be found or loaded
     */
    public Optional<CausalLm> samplingFor(CausalLm named, Criterion criterion) throws DetectGptException {
        if (named != null) {
            return Optional.of(named);
        }
        if (!(criterion instanceof Ensemble e) || e.pairedModel().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ModelLoader.load(locator.resolve(e.pairedModel().get()), tokenizer));
    }

    /**
     * Makes something of each slot's model, e.g. its detector.
     *
     * @param <T> what is made
     */
    @FunctionalInterface
    public interface SlotMaker<T> {
        /**
         * @param model the slot's model
         * @param sampling the sampling model (the default slot's, if one was named), else null
         * @return what is made of them
         * @throws DetectGptException if it cannot be made
         */
        T make(CausalLm model, CausalLm sampling) throws DetectGptException;
    }

    /**
     * Loads each slot's model and makes something of it.
     *
     * @param maker makes, e.g., a detector of a model
     * @param <T> what is made
     * @return by slot, in {@link #slots()} order
     * @throws DetectGptException if a model cannot be loaded or the maker fails
     */
    public <T> Map<Language, T> loadEach(SlotMaker<T> maker) throws DetectGptException {
        Map<Language, T> out = new EnumMap<>(Language.class);
        out.put(Language.ENGLISH, maker.make(load(Language.ENGLISH), loadSampling().orElse(null)));
        if (hasChineseSlot()) {
            out.put(Language.CHINESE, maker.make(load(Language.CHINESE), null));
        }
        return out;
    }

    /**
     * @return the calibration shipped with the default model when it is a bundled model (named, or
     *     the bundled English default), if it ships one; it holds each bundled language's calibration
     */
    public Optional<Path> bundledCalibration() {
        Optional<BundledModels.BundledModel> m = model == null ? BundledModels.defaultFor(Language.ENGLISH)
            : BundledModels.find(model).filter(b -> !isExistingPath(model));
        return m.flatMap(BundledModels.BundledModel::calibration);
    }

    private static boolean isExistingPath(String spec) {
        try {
            return Files.exists(Path.of(spec));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static BundledModels.BundledModel bundledDefault(Language language, String option) {
        return BundledModels.defaultFor(language).orElseThrow(() -> new IllegalArgumentException(option
            + " is required: no bundled default model ships yet (give a model folder, a .bin checkpoint or a pulled "
            + "repo id)"));
    }
}
