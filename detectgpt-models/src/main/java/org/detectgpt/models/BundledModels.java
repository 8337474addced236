package org.detectgpt.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.detectgpt.language.Language;

/**
 * The models that ship with detectgpt ({@code detectgpt-models} on the classpath): Hugging Face
 * folders stored as resources under {@code org/detectgpt/models/NAME/}, each with its model card,
 * fitted ensemble and default calibration. They load through
 * {@link org.detectgpt.model.load.ModelLoader} like any checkpoint — from the resource folder itself
 * when it is a directory (a build tree), or from a copy extracted once to
 * {@code $XDG_CACHE_HOME/detectgpt/bundled/SIZE/NAME} (default {@code ~/.cache}) when it is inside a
 * jar.
 *
 * <pre>{@code
 * BundledModels.defaultFor(Language.ENGLISH).map(BundledModel::path).ifPresent(dir -> ...);
 * }</pre>
 */
public final class BundledModels {
    /** The bundled English model's name. */
    public static final String ENGLISH = "detectgpt-en";
    /** The bundled Chinese model's name. */
    public static final String CHINESE = "detectgpt-zh";
    /**
     * The human side of the English aligned pair: detectgpt-en's base continued on human text, as
     * {@link #ENGLISH} was on machine text; the sampling model of {@code likelihood-ratio}.
     */
    public static final String ENGLISH_HUMAN = "detectgpt-en-human";
    /** File name of a bundled model's default calibration. */
    public static final String CALIBRATION = "detectgpt-calibration.json";

    private static final String ROOT = "org/detectgpt/models/";

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

    /**
     * @return every bundled model found on the classpath with its weights
     * @throws UncheckedIOException if a bundled model cannot be extracted
     */
    public static List<BundledModel> all() {
        List<BundledModel> out = new ArrayList<>();
        add(out, ENGLISH, Language.ENGLISH, "detectgpt's own English model (Llama, 5.3M parameters, aligned to machine text; see its model card)");
        add(out, CHINESE, Language.CHINESE, "detectgpt's own Chinese model (Llama, characters; see its model card)");
        // after ENGLISH, so defaultFor(ENGLISH) stays the machine-side scoring model
        add(out, ENGLISH_HUMAN, Language.ENGLISH,
            "human side of the English aligned pair (--sampling-model for likelihood-ratio; see detectgpt-en's card)");
        return out;
    }

    private static void add(List<BundledModel> out, String name, Language lang, String description) {
        folder(name).ifPresent(dir -> {
            Path cal = dir.resolve(CALIBRATION);
            out.add(new BundledModel(name, lang, dir, Files.exists(cal) ? Optional.of(cal) : Optional.empty(),
                description));
        });
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

    private static Optional<Path> folder(String name) {
        ClassLoader cl = BundledModels.class.getClassLoader();
        URL config = cl.getResource(ROOT + name + "/config.json");
        if (config == null || cl.getResource(ROOT + name + "/model.safetensors") == null) {
            return Optional.empty();
        }
        try {
            URI uri = config.toURI();
            if (uri.getScheme().equals("file")) {
                return Optional.of(Path.of(uri).getParent());
            }
            return Optional.of(extract(name, uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled model " + name + ": " + e.getMessage(), e);
        }
    }

    private static Path extract(String name, URI configInJar) throws IOException {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cache = cacheHome != null && !cacheHome.isBlank() ? Path.of(cacheHome)
            : Path.of(System.getProperty("user.home"), ".cache");
        // a read-only home (a locked-down lab machine) must not stop a scan: fall back to the temp folder
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "detectgpt-" + System.getProperty("user.name"));
        return extract(name, configInJar, List.of(cache.resolve("detectgpt").resolve("bundled"),
            tmp.resolve("bundled")));
    }

    /**
     * Unpacks a bundled model into the first of {@code roots} that can take it.
     *
     * @throws IOException naming every folder tried, in one line, if none can
     */
    static Path extract(String name, URI configInJar, List<Path> roots) throws IOException {
        FileSystem fs;
        try {
            fs = FileSystems.newFileSystem(configInJar, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(configInJar);
        }
        Path src = fs.provider().getPath(configInJar).getParent();
        List<Path> files;
        try (Stream<Path> s = Files.list(src)) {
            files = s.sorted().toList();
        }
        String key = contentKey(files);
        StringBuilder tried = new StringBuilder();
        for (Path root : roots) {
            // the folder keeps the model's own name: results and calibrations identify models by it
            Path dst = root.resolve(key).resolve(name);
            try {
                return extractTo(files, dst);
            } catch (IOException e) {
                tried.append(tried.length() == 0 ? "" : "; ").append(root).append(" (").append(why(e)).append(')');
            }
        }
        throw new IOException("no folder to unpack it into: " + tried + "; set XDG_CACHE_HOME to a writable folder");
    }

    private static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.FileAlreadyExistsException
                || e instanceof java.nio.file.NotDirectoryException) {
            return "cannot be created";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "cannot be written" : e.getMessage();
    }

    /**
     * The cache folder's name: total size, and a CRC-32 over each file's name and the CRC-32 the
     * jar already stores for it. A new release whose weights differ unpacks afresh even when the
     * sizes happen to match (the size alone did not tell the machine-aligned detectgpt-en from the
     * base it replaced but by 144 bytes). The stored CRCs come from the jar's directory: nothing is
     * inflated, though every lookup of a bundled model computes this.
     *
     * @param files the model's entries in its jar (a zip file system)
     */
    static String contentKey(List<Path> files) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        for (Path p : files) {
            crc.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            long entryCrc = (Long) Files.getAttribute(p, "zip:crc");
            for (int shift = 0; shift < 32; shift += 8) {
                crc.update((int) (entryCrc >>> shift));
            }
            size += Files.size(p);
        }
        return size + "-" + Long.toHexString(crc.getValue());
    }

    private static Path extractTo(List<Path> files, Path dst) throws IOException {
        if (Files.exists(dst.resolve(".complete"))) {
            return dst;
        }
        Files.createDirectories(dst);
        for (Path p : files) {
            // copy then rename, so a concurrent or interrupted extraction never leaves a half file
            Path tmp = Files.createTempFile(dst, p.getFileName().toString(), ".part");
            try (InputStream in = Files.newInputStream(p)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, dst.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        }
        Files.writeString(dst.resolve(".complete"), "");
        return dst;
    }
}
