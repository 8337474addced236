package org.detectgpt.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detectgpt.DetectGptException;
import org.detectgpt.util.Args;

/**
 * Downloads a Hugging Face model folder into the {@link HfCache}: {@code config.json}, the
 * tokenizer files and the {@code .safetensors} weights with their index — what
 * {@link org.detectgpt.model.load.ModelLoader} reads, and nothing else.
 *
 * <p>Protocol (the hub's public HTTP API): {@code GET /api/models/REPO/revision/REV?blobs=true}
 * gives the commit and each file's size and hash; {@code GET /REPO/resolve/COMMIT/FILE} gives the
 * file (redirects followed).
 *
 * <p>Safety and robustness:
 * <ul>
 *   <li>every remote name is checked before it touches the disk ({@link HubNames});</li>
 *   <li>a file is written to {@code blobs/<id>.incomplete} and resumed with an HTTP
 *       {@code Range} request after a cut connection (up to {@link #retries()} times in one
 *       pull, and again by the next pull);</li>
 *   <li>its size and hash are checked against the hub's metadata (SHA-256 for LFS files, the git
 *       blob id otherwise) before it is moved into place; a mismatch deletes it and fails;</li>
 *   <li>with no network (or {@code HF_HUB_OFFLINE=1}) the error says so in one line, and models
 *       already pulled keep working.</li>
 * </ul>
 *
 * <p>Configuration comes from the environment in {@link #fromEnvironment()} ({@code HF_ENDPOINT},
 * {@code HF_TOKEN}, {@code HF_HUB_OFFLINE}, the cache variables); {@code with*} return copies.
 */
public final class HubClient {
    /** The public hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");
    private static final Set<String> MODEL_FILES = Set.of("config.json", "generation_config.json", "tokenizer.json",
        "tokenizer_config.json", "special_tokens_map.json", "model.safetensors.index.json");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI endpoint;
    private final HfCache cache;
    private final String token;
    private final boolean offline;
    private final int retries;
    private final Duration timeout;

    private HubClient(URI endpoint, HfCache cache, String token, boolean offline, int retries, Duration timeout) {
        this.endpoint = Args.notNull(endpoint, "endpoint");
        this.cache = Args.notNull(cache, "cache");
        this.token = token == null || token.isBlank() ? null : token;
        this.offline = offline;
        this.retries = Args.nonNegative(retries, "retries");
        this.timeout = Args.notNull(timeout, "timeout");
    }

    /** @return a client configured from the environment variables, 3 retries, 30 s timeouts */
    public static HubClient fromEnvironment() {
        Map<String, String> env = System.getenv();
        String ep = env.get("HF_ENDPOINT");
        String off = env.getOrDefault("HF_HUB_OFFLINE", "");
        return new HubClient(ep == null || ep.isBlank() ? DEFAULT_ENDPOINT : URI.create(ep),
            HfCache.fromEnvironment(env), env.get("HF_TOKEN"),
            Set.of("1", "true", "yes", "on").contains(off.toLowerCase(Locale.ROOT)), 3, Duration.ofSeconds(30));
    }

    /** @return a copy talking to another hub (a mirror, or a test server) */
    public HubClient withEndpoint(URI uri) {
        return new HubClient(uri, cache, token, offline, retries, timeout);
    }

    /** @return a copy writing to another cache */
    public HubClient withCache(HfCache c) {
        return new HubClient(endpoint, c, token, offline, retries, timeout);
    }

    /** @return a copy sending this access token (null: none) */
    public HubClient withToken(String t) {
        return new HubClient(endpoint, cache, t, offline, retries, timeout);
    }

    /** @return a copy that refuses to use the network (true) or uses it (false) */
    public HubClient withOffline(boolean off) {
        return new HubClient(endpoint, cache, token, off, retries, timeout);
    }

    /** @return a copy that resumes a cut transfer up to {@code n} times within one pull */
    public HubClient withRetries(int n) {
        return new HubClient(endpoint, cache, token, offline, n, timeout);
    }

    /** @return a copy with another connect and request timeout */
    public HubClient withTimeout(Duration d) {
        return new HubClient(endpoint, cache, token, offline, retries, d);
    }

    /** @return the cache */
    public HfCache cache() {
        return cache;
    }

    /** @return how many times a cut transfer is resumed within one pull */
    public int retries() {
        return retries;
    }

    /**
     * Downloads (or completes) a model folder into the cache.
     *
     * @param repoId {@code owner/name}
     * @param revision a branch, tag or commit, e.g. {@code main}
     * @param listener told of progress
     * @return the snapshot folder, ready for {@link org.detectgpt.model.load.ModelLoader#load}
     * @throws DetectGptException with a one-line message: offline, no such repo, access refused,
     *     unsafe name, no safetensors weights, a transfer cut more often than the retries, or a
     *     size or checksum mismatch
     */
    public Path pull(String repoId, String revision, PullListener listener) throws DetectGptException {
        HubNames.checkRepoId(repoId);
        HubNames.checkRevision(revision);
        if (offline) {
            throw new DetectGptException("offline (HF_HUB_OFFLINE is set): cannot pull " + repoId
                + "; models already pulled still work (detectgpt models list)");
        }
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(timeout).build();
        JsonNode meta = metadata(http, repoId, revision);
        String commit = HubNames.checkCommit(repoId, meta.path("sha").asText(null));
        Path repo = cache.repoDir(repoId);
        Path snapshot = repo.resolve("snapshots").resolve(commit);
        List<RemoteFile> files = select(repoId, snapshot, meta);
        try {
            Files.createDirectories(repo.resolve("blobs"));
            for (RemoteFile f : files) {
                Path blob = fetch(http, repoId, commit, f, repo.resolve("blobs"), listener);
                link(HubNames.safeResolve(repoId, snapshot, f.name()), blob);
            }
            if (!revision.equals(commit)) {
                Path ref = repo.resolve("refs").resolve(revision);
                Files.createDirectories(ref.getParent());
                Files.writeString(ref, commit, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new DetectGptException(repoId + ": cannot write to the cache " + cache.root() + ": "
                + e.getMessage(), e);
        }
        return snapshot;
    }

    private JsonNode metadata(HttpClient http, String repoId, String revision) throws DetectGptException {
        URI uri = URI.create(base() + "/api/models/" + repoId + "/revision/" + encodePath(revision) + "?blobs=true");
        HttpResponse<byte[]> r = send(http, repoId, request(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        checkStatus(repoId, revision, r.statusCode());
        try {
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new DetectGptException(repoId + ": the hub's answer is not JSON: " + e.getMessage());
        }
    }

    /** Every listed name is checked (an unsafe one fails the pull); the model's files are kept. */
    private static List<RemoteFile> select(String repoId, Path snapshot, JsonNode meta) throws DetectGptException {
        List<RemoteFile> out = new ArrayList<>();
        boolean weights = false;
        boolean config = false;
        for (JsonNode s : meta.path("siblings")) {
            String name = s.path("rfilename").asText(null);
            HubNames.safeResolve(repoId, snapshot, name);
            boolean top = name.indexOf('/') < 0;
            boolean isWeights = top && name.endsWith(".safetensors");
            if (!top || !(isWeights || MODEL_FILES.contains(name))) {
                continue;
            }
            JsonNode lfs = s.path("lfs");
            String sha = lfs.isObject() ? HubNames.checkBlobId(repoId, name, lfs.path("sha256").asText(null)) : null;
            String blobId = sha != null ? sha : HubNames.checkBlobId(repoId, name, s.path("blobId").asText(null));
            long size = lfs.isObject() && lfs.has("size") ? lfs.path("size").asLong(-1) : s.path("size").asLong(-1);
            if (size < 0) {
                throw new DetectGptException(repoId + ": the hub gave no size for '" + name + "'");
            }
            out.add(new RemoteFile(name, size, sha, blobId));
            weights |= isWeights;
            config |= name.equals("config.json");
        }
        if (!config) {
            throw new DetectGptException(repoId + ": no config.json: not a transformers model repo");
        }
        if (!weights) {
            throw new DetectGptException(repoId + ": no .safetensors weights (detectgpt reads safetensors only; "
                + "a repo with just pytorch_model.bin needs converting)");
        }
        return out;
    }

    private Path fetch(HttpClient http, String repoId, String commit, RemoteFile f, Path blobs, PullListener listener)
            throws DetectGptException, IOException {
        Path blob = blobs.resolve(f.cacheKey());
        if (Files.isRegularFile(blob) && Files.size(blob) == f.size()) {
            listener.fileStarted(f, f.size());
            listener.fileDone(f);
            return blob;
        }
        Path part = blobs.resolve(f.cacheKey() + ".incomplete");
        if (Files.exists(part) && Files.size(part) > f.size()) {
            Files.delete(part);
        }
        listener.fileStarted(f, Files.exists(part) ? Files.size(part) : 0);
        URI uri = URI.create(base() + "/" + repoId + "/resolve/" + commit + "/" + encodePath(f.name()));
        for (int attempt = 0; ; attempt++) {
            long have = Files.exists(part) ? Files.size(part) : 0;
            if (have == f.size()) {
                break;
            }
            try {
                transfer(http, repoId, uri, f, part, have, listener);
                break;
            } catch (IOException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                long now = Files.exists(part) ? Files.size(part) : 0;
                if (attempt >= retries) {
                    throw new DetectGptException(String.format(Locale.ROOT,
                        "%s: download of %s cut off at %,d of %,d bytes (%s); run the same command again to resume",
                        repoId, f.name(), now, f.size(), why.replaceAll("[\\r\\n]+", " ")));
                }
                listener.retrying(f, why);
            }
        }
        verify(repoId, f, part);
        Files.move(part, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        listener.fileDone(f);
        return blob;
    }

    /** One GET of the rest of a file, appended to {@code part}; IOException when the connection is cut. */
    private void transfer(HttpClient http, String repoId, URI uri, RemoteFile f, Path part, long have,
            PullListener listener) throws DetectGptException, IOException {
        HttpRequest.Builder req = request(uri);
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> r = send(http, repoId, req.build(), HttpResponse.BodyHandlers.ofInputStream());
        boolean append;
        if (r.statusCode() == 206) {
            Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse(""));
            append = m.matches() && Long.parseLong(m.group(1)) == have;
            if (!append) {
                r.body().close();
                throw new IOException("the server resumed at the wrong offset");
            }
        } else if (r.statusCode() == 200) {
            append = false; // the server ignored the Range header: start over
        } else {
            r.body().close();
            checkStatus(repoId, f.name(), r.statusCode());
            throw new DetectGptException(repoId + ": " + f.name() + ": HTTP " + r.statusCode());
        }
        long done = append ? have : 0;
        try (InputStream in = r.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                 append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (done + n > f.size()) {
                    throw new DetectGptException(repoId + ": " + f.name() + " is larger than the "
                        + f.size() + " bytes the hub announced");
                }
                out.write(buf, 0, n);
                done += n;
                listener.bytes(f, done);
            }
        }
        if (done < f.size()) {
            throw new IOException("connection closed early");
        }
    }

    private static void verify(String repoId, RemoteFile f, Path part) throws DetectGptException, IOException {
        long size = Files.size(part);
        String actual = size != f.size() ? null
            : f.sha256() != null ? FileDigests.sha256(part) : FileDigests.gitBlobSha1(part);
        String expected = f.sha256() != null ? f.sha256() : f.blobId();
        if (size != f.size() || !expected.equals(actual)) {
            Files.deleteIfExists(part);
            throw new DetectGptException(size != f.size()
                ? String.format(Locale.ROOT, "%s: %s has %,d bytes, the hub announced %,d; deleted", repoId,
                    f.name(), size, f.size())
                : String.format(Locale.ROOT, "%s: checksum mismatch for %s (expected %s %s, got %s); deleted",
                    repoId, f.name(), f.sha256() != null ? "sha256" : "git blob id", expected, actual));
        }
    }

    /** A relative symbolic link as huggingface_hub makes; a copy where links are not allowed. */
    private static void link(Path target, Path blob) throws IOException {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        try {
            Files.createSymbolicLink(target, target.getParent().relativize(blob));
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "detectgpt/0.1");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpClient http, String repoId, HttpRequest req,
            HttpResponse.BodyHandler<T> handler) throws DetectGptException {
        try {
            return http.send(req, handler);
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw offlineError(repoId);
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof ConnectException) {
                throw offlineError(repoId);
            }
            throw new DetectGptException(repoId + ": " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectGptException(repoId + ": interrupted", e);
        }
    }

    private DetectGptException offlineError(String repoId) {
        return new DetectGptException("cannot reach " + endpoint + " to pull " + repoId + ": are you offline? "
            + "Models already pulled work offline (detectgpt models list)");
    }

    private static void checkStatus(String repoId, String what, int status) throws DetectGptException {
        if (status == 401 || status == 403) {
            throw new DetectGptException(repoId + ": access refused (HTTP " + status + "); a gated or private repo "
                + "needs an access token in HF_TOKEN");
        }
        if (status == 404) {
            throw new DetectGptException(repoId + ": not found on the hub (" + what + ")");
        }
        if (status / 100 != 2) {
            throw new DetectGptException(repoId + ": the hub answered HTTP " + status + " for " + what);
        }
    }

    private String base() {
        String s = endpoint.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String encodePath(String path) {
        StringBuilder b = new StringBuilder();
        for (String seg : path.split("/", -1)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }
}
