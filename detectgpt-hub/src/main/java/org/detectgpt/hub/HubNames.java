package org.detectgpt.hub;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.detectgpt.DetectGptException;

/**
 * Checks every name that comes from the command line or from the hub before it becomes part of
 * a local path: repo ids, revisions, commit hashes, blob ids and remote file names. A hub (or
 * anyone between it and us) must not be able to write outside the cache with a name like
 * {@code ../../.bashrc} or {@code /etc/passwd}.
 */
public final class HubNames {
    private static final Pattern REPO_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private HubNames() {}

    /**
     * @param repoId {@code name} or {@code owner/name}
     * @return whether it is a well-formed repo id
     */
    public static boolean isRepoId(String repoId) {
        String[] parts = repoId.split("/", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String p : parts) {
            if (!REPO_PART.matcher(p).matches() || p.contains("..") || p.contains("--")) {
                return false;
            }
        }
        return true;
    }

    static String checkRepoId(String repoId) throws DetectGptException {
        if (!isRepoId(repoId)) {
            throw new DetectGptException("'" + repoId + "' is not a Hugging Face repo id (owner/name)");
        }
        return repoId;
    }

    static String checkRevision(String revision) throws DetectGptException {
        if (!REVISION.matcher(revision).matches() || revision.contains("..") || revision.length() > 255) {
            throw new DetectGptException("'" + revision + "' is not a valid revision (branch, tag or commit)");
        }
        return revision;
    }

    /** @return whether {@code s} is a full commit hash */
    static boolean isCommit(String s) {
        return COMMIT.matcher(s).matches();
    }

    static String checkCommit(String repoId, String commit) throws DetectGptException {
        if (commit == null || !isCommit(commit)) {
            throw new DetectGptException(repoId + ": the hub answered with an invalid commit hash '" + commit + "'");
        }
        return commit;
    }

    static String checkBlobId(String repoId, String file, String id) throws DetectGptException {
        if (id == null || !HEX.matcher(id).matches()) {
            throw new DetectGptException(repoId + ": the hub gave '" + file + "' an invalid hash '" + id + "'");
        }
        return id;
    }

    /**
     * Resolves a file name the hub listed inside a folder, refusing anything that could leave it.
     *
     * @param repoId the repo, for the message
     * @param dir the folder
     * @param name the remote file name, {@code /}-separated
     * @return the local path, inside {@code dir}
     * @throws DetectGptException if the name is absolute, has a {@code ..}, {@code .} or empty
     *     segment, a backslash, a drive letter or control characters
     */
    public static Path safeResolve(String repoId, Path dir, String name) throws DetectGptException {
        boolean ok = name != null && !name.isEmpty() && name.length() <= 1024 && !name.startsWith("/")
            && name.indexOf('\\') < 0 && name.indexOf(':') < 0 && name.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
        if (ok) {
            for (String seg : name.split("/", -1)) {
                if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.length() > 255) {
                    ok = false;
                    break;
                }
            }
        }
        Path base = dir.toAbsolutePath().normalize();
        Path p = ok ? base.resolve(name).normalize() : null;
        if (p == null || !p.startsWith(base) || p.equals(base)) {
            throw new DetectGptException(repoId + ": refusing the unsafe file name '"
                + (name == null ? "null" : name.replaceAll("\\p{Cntrl}", "?")) + "' listed by the hub");
        }
        return p;
    }
}
