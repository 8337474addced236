package org.detectgpt.hub;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.detectgpt.language.Language;

/**
 * The models that ship with detectgpt, by name, with their default calibrations. None ship yet:
 * the default English and Chinese models are being trained; when they land they are registered
 * in {@link #all()} and {@code --model} becomes optional (each language's default is used).
 */
public final class BundledModels {
    /**
     * A bundled model.
     *
     * @param name its name on the command line, e.g. {@code detectgpt-en}
     * @param language the language it is the default for
     * @param path its model folder
     * @param calibration its default calibration file, measured on the development sets
     * @param description one line for {@code models list}
     */
    public record BundledModel(String name, Language language, Path path, Optional<Path> calibration,
            String description) {
        /** Checks that no component is null. */
        public BundledModel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(calibration, "calibration");
            Objects.requireNonNull(description, "description");
        }
    }

    private BundledModels() {}

    /** @return every bundled model (none yet) */
    public static List<BundledModel> all() {
        return List.of();
    }

    /**
     * @param name a name
     * @return the bundled model of that name
     */
    public static Optional<BundledModel> find(String name) {
        return all().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * @param language a language
     * @return the bundled default model for it
     */
    public static Optional<BundledModel> defaultFor(Language language) {
        return all().stream().filter(m -> m.language() == language).findFirst();
    }
}
