package org.detectgpt.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.detectgpt.DetectGptException;

/** Expands a path argument into the files it names: the file itself, or a folder's files. */
public final class InputFiles {
    private InputFiles() {}

    /**
     * @param path a file (taken as it is) or a folder (every regular file below it whose name ends
     *     in one of {@code suffixes}, in sorted order)
     * @param suffixes accepted file-name endings for folders
     * @return the files
     * @throws DetectGptException if the path does not exist or a folder cannot be listed
     */
    public static List<Path> of(Path path, List<String> suffixes) throws DetectGptException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new DetectGptException(path + ": no such file or folder");
        }
        try (Stream<Path> s = Files.walk(path)) {
            return s.filter(Files::isRegularFile)
                .filter(p -> suffixes.stream().anyMatch(x -> p.getFileName().toString().endsWith(x)))
                .sorted().toList();
        } catch (IOException e) {
            throw new DetectGptException(path + ": cannot list: " + e.getMessage());
        }
    }
}
