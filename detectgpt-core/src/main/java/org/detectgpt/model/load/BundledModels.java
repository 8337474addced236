package org.detectgpt.model.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.ModelFormatException;

/**
 * The default models detectgpt ships ({@code detectgpt-models} on the classpath): Hugging Face
 * folders stored as resources under {@code org/detectgpt/models/NAME/}. They are loaded through
 * {@link ModelLoader} like any checkpoint — from the resource folder itself when it is a
 * directory (a build tree), or from a copy extracted once to
 * {@code $XDG_CACHE_HOME/detectgpt/bundled/NAME-SIZE} (default {@code ~/.cache}) when it is inside a
 * jar.
 *
 * <pre>{@code
 * CausalLm en = BundledModels.load(BundledModels.ENGLISH);
 * }</pre>
 */
public final class BundledModels {
    /** The bundled English model. */
    public static final String ENGLISH = "detectgpt-en";
    /** The bundled Chinese model. */
    public static final String CHINESE = "detectgpt-zh";
    /** Every bundled model name. */
    public static final List<String> NAMES = List.of(ENGLISH, CHINESE);

    private static final String ROOT = "org/detectgpt/models/";

    private BundledModels() {}

    /** @return whether the named model is on the classpath (with its weights) */
    public static boolean isAvailable(String name) {
        return resource(name, "model.safetensors") != null && resource(name, "config.json") != null;
    }

    /**
     * @param name a bundled model name
     * @return its folder on disk (extracted if needed), or empty when not on the classpath
     * @throws ModelFormatException if it cannot be extracted
     */
    public static Optional<Path> folder(String name) throws ModelFormatException {
        URL config = resource(name, "config.json");
        if (config == null || resource(name, "model.safetensors") == null) {
            return Optional.empty();
        }
        try {
            URI uri = config.toURI();
            if (uri.getScheme().equals("file")) {
                return Optional.of(Path.of(uri).getParent());
            }
            return Optional.of(extract(name, uri));
        } catch (URISyntaxException | IOException e) {
            throw new ModelFormatException(Path.of(name), "cannot extract the bundled model: " + e.getMessage(), e);
        }
    }

    /**
     * @param name a bundled model name
     * @return the loaded model
     * @throws ModelFormatException if it is not on the classpath or cannot be read
     */
    public static CausalLm load(String name) throws ModelFormatException {
        Path dir = folder(name).orElseThrow(() -> new ModelFormatException(Path.of(name),
            "bundled model not found (is detectgpt-models on the classpath?)"));
        return ModelLoader.load(dir);
    }

    private static URL resource(String name, String file) {
        return BundledModels.class.getClassLoader().getResource(ROOT + name + "/" + file);
    }

    private static Path extract(String name, URI configInJar) throws IOException {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cache = cacheHome != null && !cacheHome.isBlank() ? Path.of(cacheHome)
            : Path.of(System.getProperty("user.home"), ".cache");
        FileSystem fs;
        try {
            fs = FileSystems.newFileSystem(configInJar, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(configInJar);
        }
        Path src = fs.provider().getPath(configInJar).getParent();
        long size;
        try (Stream<Path> s = Files.list(src)) {
            size = s.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
        Path dst = cache.resolve("detectgpt").resolve("bundled").resolve(name + "-" + size);
        if (Files.exists(dst.resolve(".complete"))) {
            return dst;
        }
        Files.createDirectories(dst);
        try (Stream<Path> s = Files.list(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path tmp = dst.resolve(p.getFileName().toString() + ".part");
                try (InputStream in = Files.newInputStream(p)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, dst.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.writeString(dst.resolve(".complete"), "");
        return dst;
    }
}
