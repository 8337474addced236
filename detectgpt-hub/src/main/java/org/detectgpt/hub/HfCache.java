package org.detectgpt.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.detectgpt.DetectGptException;

/**
 * The Hugging Face hub cache, in the layout the Python {@code huggingface_hub} library uses, so
 * that models pulled by either tool are found by both:
 *
 * <pre>
 * $HF_HUB_CACHE (default $HF_HOME/hub, default ~/.cache/huggingface/hub)
 *   models--owner--name/
 *     blobs/&lt;sha256 or git blob id&gt;          file contents
 *     refs/main                                   the commit "main" pointed to when pulled
 *     snapshots/&lt;commit&gt;/config.json -&gt; ../../blobs/&lt;id&gt;
 * </pre>
 *
 * Partial downloads are {@code blobs/<id>.incomplete}, as in {@code huggingface_hub}.
 *
 * @param root the cache folder (the one holding {@code models--*})
 */
public record HfCache(Path root) {
    /**
     * @return the cache named by the environment: {@code HF_HUB_CACHE}, else {@code $HF_HOME/hub},
     *     else {@code ~/.cache/huggingface/hub}
     */
    public static HfCache fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * @param env environment variables
     * @return the cache they name
     */
    public static HfCache fromEnvironment(Map<String, String> env) {
        String hubCache = env.get("HF_HUB_CACHE");
        if (hubCache != null && !hubCache.isBlank()) {
            return new HfCache(Path.of(hubCache));
        }
        String home = env.get("HF_HOME");
        if (home != null && !home.isBlank()) {
            return new HfCache(Path.of(home, "hub"));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new HfCache(base.resolve("huggingface").resolve("hub"));
    }

    /** @return the folder of a repo, {@code models--owner--name} */
    public Path repoDir(String repoId) {
        return root.resolve("models--" + repoId.replace("/", "--"));
    }

    /**
     * @param repoId a repo id
     * @param revision a branch, tag or commit
     * @return the snapshot folder of that revision, if it was pulled
     */
    public Optional<Path> snapshot(String repoId, String revision) {
        if (!HubNames.isRepoId(repoId)) {
            return Optional.empty();
        }
        Path repo = repoDir(repoId);
        String commit = revision;
        if (!HubNames.isCommit(revision)) {
            try {
                HubNames.checkRevision(revision);
                Path ref = repo.resolve("refs").resolve(revision);
                if (!Files.isRegularFile(ref)) {
                    return Optional.empty();
                }
                commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            } catch (IOException | DetectGptException e) {
                return Optional.empty();
            }
            if (!HubNames.isCommit(commit)) {
                return Optional.empty();
            }
        }
        Path snap = repo.resolve("snapshots").resolve(commit);
        return Files.isDirectory(snap) ? Optional.of(snap) : Optional.empty();
    }

    /**
     * A repo in the cache.
     *
     * @param repoId the repo id
     * @param refs revision name → commit
     * @param snapshots the commits pulled
     * @param bytes the size of its blobs
     */
    public record CachedRepo(String repoId, Map<String, String> refs, List<String> snapshots, long bytes) {}

    /**
     * @return the model repos in the cache, sorted by id; empty if there is no cache
     * @throws DetectGptException if the cache cannot be listed
     */
    public List<CachedRepo> list() throws DetectGptException {
        List<CachedRepo> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                String n = d.getFileName().toString();
                if (Files.isDirectory(d) && n.startsWith("models--")) {
                    out.add(new CachedRepo(n.substring("models--".length()).replace("--", "/"), refs(d),
                        names(d.resolve("snapshots")), size(d.resolve("blobs"))));
                }
            }
        } catch (IOException e) {
            throw new DetectGptException(root + ": cannot list the model cache: " + e.getMessage(), e);
        }
        return out;
    }

    private static Map<String, String> refs(Path repo) throws IOException {
        Map<String, String> refs = new TreeMap<>();
        Path dir = repo.resolve("refs");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    refs.put(dir.relativize(f).toString().replace('\\', '/'),
                        Files.readString(f, StandardCharsets.UTF_8).strip());
                }
            }
        }
        return refs;
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            long total = 0;
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }
}
