package org.detectgpt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** Test fixtures copied into {@code src/test/resources/fixtures} (tests never read ../shared). */
public final class Fixtures {
    private Fixtures() {}

    /** @return the path of {@code fixtures/<relative>} on the test classpath */
    public static Path path(String relative) {
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test fixture: fixtures/" + relative);
        }
        try {
            URI uri = url.toURI();
            return uri.getScheme().equals("jar") ? extracted(uri, relative) : Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fixtures used from the core test-jar by another module's tests are copied once to a
     * temporary folder (with their siblings, so a model's tokenizer beside it comes along).
     */
    private static synchronized Path extracted(URI uri, String relative) throws IOException {
        FileSystem fs;
        try {
            fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(uri);
        }
        Path inJar = fs.provider().getPath(uri);
        Path folder = Files.isDirectory(inJar) ? inJar : inJar.getParent();
        if (extractRoot == null) {
            extractRoot = Files.createTempDirectory("detectgpt-fixtures");
            extractRoot.toFile().deleteOnExit();
        }
        Path target = extractRoot.resolve(Files.isDirectory(inJar) ? relative : Path.of(relative).getParent() == null
            ? "" : Path.of(relative).getParent().toString());
        if (!Files.exists(target.resolve(".complete"))) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Path dst = target.resolve(folder.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.createDirectories(dst.getParent());
                        Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.writeString(target.resolve(".complete"), "");
        }
        return Files.isDirectory(inJar) ? target : target.resolve(inJar.getFileName().toString());
    }

    private static Path extractRoot;

    /** @return the parsed JSON of {@code fixtures/<relative>} */
    public static JsonNode json(String relative) {
        try {
            return new ObjectMapper().readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the ints of a JSON array */
    public static int[] ints(JsonNode array) {
        int[] a = new int[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = array.get(i).asInt();
        }
        return a;
    }

    /** @return the doubles of a JSON array */
    public static double[] doubles(JsonNode array) {
        double[] a = new double[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = array.get(i).asDouble();
        }
        return a;
    }
}
