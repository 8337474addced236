package org.detectgpt.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.detectgpt.DetectGptException;
import org.detectgpt.document.DocumentReader;

/**
 * Turns the command line's PATH arguments into the list of documents to scan.
 *
 * <ul>
 *   <li>A file is scanned whatever its extension (an unsupported one is reported as an error,
 *       since the user asked for it).</li>
 *   <li>A folder is walked recursively for the supported extensions
 *       ({@link DocumentReader#EXTENSIONS}); hidden files and folders (name starting with a dot)
 *       and Office lock files ({@code ~$…}) are skipped.</li>
 *   <li>A glob ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, {@code **} across folders) that
 *       the shell did not expand, e.g. {@code "essays/**&#47;*.docx"}, is matched under its longest
 *       folder prefix without glob characters.</li>
 * </ul>
 * The result is sorted and without duplicates, so every scan of the same inputs sees the same order.
 */
public final class ScanInputs {
    private ScanInputs() {}

    /**
     * @param args the PATH arguments
     * @return the documents, sorted, each once
     * @throws DetectGptException naming the argument that is neither a file, a folder nor a glob
     *     matching something
     */
    public static List<Path> expand(List<String> args) throws DetectGptException {
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> out = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            List<Path> found;
            if (Files.isDirectory(p)) {
                found = walk(p, null);
            } else if (Files.exists(p)) {
                found = List.of(p);
            } else if (isGlob(arg)) {
                found = glob(arg);
                if (found.isEmpty()) {
                    throw new DetectGptException(arg + ": no file matches");
                }
            } else {
                throw new DetectGptException(arg + ": no such file or folder");
            }
            for (Path f : found) {
                if (seen.add(f.toAbsolutePath().normalize())) {
                    out.add(f);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean isGlob(String arg) {
        return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Path> glob(String arg) throws DetectGptException {
        String norm = arg.replace('\\', '/');
        int firstGlob = 0;
        while (firstGlob < norm.length() && "*?[{".indexOf(norm.charAt(firstGlob)) < 0) {
            firstGlob++;
        }
        int slash = norm.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : norm.substring(0, slash));
        String pattern = norm.substring(slash + 1);
        if (!Files.isDirectory(base.toString().isEmpty() ? Path.of(".") : base)) {
            return List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        return walk(base, m);
    }

    /** Walks a folder: with a matcher, files whose path relative to {@code dir} matches; else supported files. */
    private static List<Path> walk(Path dir, PathMatcher matcher) throws DetectGptException {
        Path root = dir.toString().isEmpty() ? Path.of(".") : dir;
        try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile)
                .filter(f -> !isHidden(root.relativize(f)))
                .filter(f -> matcher == null ? DocumentReader.isSupported(f) : matcher.matches(root.relativize(f)))
                .map(f -> dir.toString().isEmpty() ? root.relativize(f) : f)
                .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DetectGptException(dir + ": cannot list: " + e.getMessage());
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            String n = part.toString();
            if (n.startsWith(".") || n.startsWith("~$")) {
                return true;
            }
        }
        return false;
    }
}
