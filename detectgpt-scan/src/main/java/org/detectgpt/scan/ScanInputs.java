package org.detectgpt.scan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 *
 * <p>No entry of a folder can stop the walk: a folder that cannot be read becomes a
 * {@linkplain Inputs#problems() problem} (an error row in the reports: documents may be missing),
 * and a link loop, a broken link, a named pipe or device and a file of an unsupported type are
 * {@linkplain Inputs#skipped() skipped} with the reason — never opened, so a pipe cannot hang the scan.
 */
public final class ScanInputs {
    private ScanInputs() {}

    /**
     * A folder entry that was not taken as a document.
     *
     * @param path the entry
     * @param reason why, one line
     */
    public record Entry(Path path, String reason) {}

    /**
     * What the arguments named.
     *
     * @param files the documents, sorted, each once
     * @param problems entries that could not be read (unreadable folders): documents may be missing
     * @param skipped entries left out on purpose, with the reason (unsupported type, link loop,
     *     broken link, special file)
     */
    public record Inputs(List<Path> files, List<Entry> problems, List<Entry> skipped) {
        /** Copies the lists. */
        public Inputs {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * @param args the PATH arguments
     * @return the documents, sorted, each once
     * @throws DetectGptException naming the argument that is neither a file, a folder nor a glob
     *     matching something
     */
    public static List<Path> expand(List<String> args) throws DetectGptException {
        return collect(args, Set.of()).files();
    }

    /**
     * @param args the PATH arguments
     * @param exclude files never to take (the run's own reports, which may lie in a scanned folder)
     * @return the documents and the entries left out
     * @throws DetectGptException naming the argument that is neither a file, a folder nor a glob
     *     matching something
     */
    public static Inputs collect(List<String> args, Set<Path> exclude) throws DetectGptException {
        Set<Path> excluded = new HashSet<>();
        for (Path p : exclude) {
            excluded.add(key(p));
        }
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> out = new ArrayList<>();
        List<Entry> problems = new ArrayList<>();
        List<Entry> skipped = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            List<Path> found = new ArrayList<>();
            if (Files.isDirectory(p)) {
                walk(p, null, found, problems, skipped);
            } else if (Files.exists(p)) {
                // named on purpose: taken whatever it is; the reader refuses a pipe or device with a reason
                found.add(p);
            } else if (isGlob(arg)) {
                glob(arg, found, problems, skipped);
                if (found.isEmpty()) {
                    throw new DetectGptException(arg + ": no file matches");
                }
            } else {
                throw new DetectGptException(arg + ": no such file or folder");
            }
            for (Path f : found) {
                Path k = key(f);
                if (!excluded.contains(k) && seen.add(k)) {
                    out.add(f);
                }
            }
        }
        out.sort(null);
        problems.sort((a, b) -> a.path().compareTo(b.path()));
        skipped.sort((a, b) -> a.path().compareTo(b.path()));
        return new Inputs(out, problems, skipped);
    }

    /** The identity of a file: its real path where it has one, so links and relative names compare equal. */
    private static Path key(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static boolean isGlob(String arg) {
        return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static void glob(String arg, List<Path> found, List<Entry> problems, List<Entry> skipped) {
        String norm = arg.replace('\\', '/');
        int firstGlob = 0;
        while (firstGlob < norm.length() && "*?[{".indexOf(norm.charAt(firstGlob)) < 0) {
            firstGlob++;
        }
        int slash = norm.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : norm.substring(0, slash));
        String pattern = norm.substring(slash + 1);
        if (!Files.isDirectory(base.toString().isEmpty() ? Path.of(".") : base)) {
            return;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        walk(base, m, found, problems, skipped);
    }

    /**
     * Walks a folder: with a matcher, regular files whose path relative to {@code dir} matches;
     * else supported files, the others being listed as skipped.
     */
    private static void walk(Path dir, PathMatcher matcher, List<Path> found, List<Entry> problems,
            List<Entry> skipped) {
        Path root = dir.toString().isEmpty() ? Path.of(".") : dir;
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        return !d.equals(root) && isHidden(d.getFileName()) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                        Path rel = root.relativize(f);
                        if (isHidden(rel)) {
                            return FileVisitResult.CONTINUE;
                        }
                        Path shown = dir.toString().isEmpty() ? rel : f;
                        if (attrs.isRegularFile()) {
                            if (matcher != null ? matcher.matches(rel) : DocumentReader.isSupported(f)) {
                                found.add(shown);
                            } else if (matcher == null) {
                                skipped.add(new Entry(shown, unsupported(f)));
                            }
                        } else if (matcher == null || matcher.matches(rel)) {
                            // with FOLLOW_LINKS a link reaches here unfollowed only when its target is missing
                            skipped.add(new Entry(shown, attrs.isSymbolicLink() ? "broken symbolic link"
                                : "not a regular file (" + kind(f) + "): not opened"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        Path shown = dir.toString().isEmpty() ? root.relativize(f) : f;
                        if (isHidden(root.relativize(f))) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (e instanceof FileSystemLoopException) {
                            skipped.add(new Entry(shown, "symbolic link loop (it points to a folder above it, "
                                + "whose documents are scanned anyway)"));
                        } else if (e instanceof AccessDeniedException) {
                            problems.add(new Entry(shown, "permission denied: the documents in it were not scanned"));
                        } else {
                            problems.add(new Entry(shown, "cannot read: " + oneLine(e)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        } catch (IOException e) {
            // the visitor turns every entry's failure into a row; only the root itself can end up here
            problems.add(new Entry(dir, "cannot read: " + oneLine(e)));
        }
    }

    private static String unsupported(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? "no file extension: not a document type read (." + String.join(", .",
            DocumentReader.EXTENSIONS) + ")" : "unsupported file type '" + n.substring(dot).toLowerCase(Locale.ROOT)
            + "' (supported: ." + String.join(", .", DocumentReader.EXTENSIONS) + ")";
    }

    /** @return what kind of special file {@code f} is, from its Unix mode where the platform has one */
    static String kind(Path f) {
        try {
            int mode = (Integer) Files.getAttribute(f, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a named pipe";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0040000 -> "a folder";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    private static String oneLine(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("[\\r\\n]+", " ").strip();
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
