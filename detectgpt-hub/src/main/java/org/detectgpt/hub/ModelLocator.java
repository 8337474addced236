package org.detectgpt.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.detectgpt.DetectGptException;
import org.detectgpt.models.BundledModels;

/**
 * Resolves what a user gave as {@code --model} to a model on disk, in this order: an existing
 * file or folder; a bundled model's name ({@link BundledModels}); a Hugging Face repo id pulled
 * into the cache, as {@code owner/name} (revision {@code main}) or {@code owner/name@revision}.
 */
public final class ModelLocator {
    private final HfCache cache;

    private ModelLocator(HfCache cache) {
        this.cache = cache;
    }

    /** @return a locator looking in the cache named by the environment */
    public static ModelLocator fromEnvironment() {
        return new ModelLocator(HfCache.fromEnvironment());
    }

    /** @return a locator looking in {@code cache} */
    public static ModelLocator of(HfCache cache) {
        return new ModelLocator(cache);
    }

    /**
     * @param spec a path, a bundled name, or {@code owner/name[@revision]}
     * @return the model's path
     * @throws DetectGptException saying what was tried and how to pull a repo
     */
    public Path resolve(String spec) throws DetectGptException {
        Path p = Path.of(spec);
        if (Files.exists(p)) {
            return p;
        }
        Optional<BundledModels.BundledModel> bundled = BundledModels.find(spec);
        if (bundled.isPresent()) {
            return bundled.get().path();
        }
        int at = spec.lastIndexOf('@');
        String repo = at < 0 ? spec : spec.substring(0, at);
        String rev = at < 0 ? "main" : spec.substring(at + 1);
        if (HubNames.isRepoId(repo)) {
            Optional<Path> snap = cache.snapshot(repo, rev);
            if (snap.isPresent()) {
                return snap.get();
            }
            throw new DetectGptException(spec + ": no such file, no bundled model of that name, and not in the "
                + "model cache " + cache.root() + "; download it with: detectgpt models pull " + repo
                + (at < 0 ? "" : " --revision " + rev));
        }
        throw new DetectGptException(spec + ": no such file or folder");
    }
}
