package org.detectgpt.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.detectgpt.DetectGptException;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from a fake hub on 127.0.0.1; never the real one. */
class HubClientTest {
    static final String REPO = "acme/tiny-llama";
    @TempDir
    Path cacheDir;
    FakeHub hub;
    HubClient client;
    byte[] weights;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHub(REPO);
        Path fixture = Fixtures.path("hf-tiny/llama-tiny");
        hub.add("config.json", Files.readAllBytes(fixture.resolve("config.json")), false);
        hub.add("tokenizer.json", Files.readAllBytes(fixture.resolve("tokenizer.json")), false);
        weights = new byte[300_000];
        new Random(3).nextBytes(weights);
        hub.add("model.safetensors", weights, true);
        hub.add("README.md", "# tiny".getBytes(StandardCharsets.UTF_8), false);
        hub.add("onnx/model.onnx", new byte[10], true);
        client = HubClient.fromEnvironment().withEndpoint(hub.endpoint()).withCache(new HfCache(cacheDir))
            .withToken(null).withOffline(false).withTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void pullsIntoTheHfCacheLayout() throws Exception {
        Path snap = client.pull(REPO, "main", new PullListener() {});
        Path repo = cacheDir.resolve("models--acme--tiny-llama");
        assertEquals(repo.resolve("snapshots").resolve(FakeHub.COMMIT), snap);
        assertEquals(FakeHub.COMMIT, Files.readString(repo.resolve("refs/main")));
        assertArrayEquals(weights, Files.readAllBytes(snap.resolve("model.safetensors")));
        assertTrue(Files.isSymbolicLink(snap.resolve("config.json")));
        assertFalse(Files.exists(snap.resolve("README.md")), "only the model's files are pulled");
        assertFalse(Files.exists(snap.resolve("onnx")));
        try (Stream<Path> blobs = Files.list(repo.resolve("blobs"))) {
            assertEquals(3, blobs.count());
        }
        assertEquals(snap, ModelLocator.of(new HfCache(cacheDir)).resolve(REPO));
        assertEquals(snap, ModelLocator.of(new HfCache(cacheDir)).resolve(REPO + "@" + FakeHub.COMMIT));
        assertEquals(REPO, new HfCache(cacheDir).list().get(0).repoId());
        // a second pull finds everything in place and downloads nothing
        int before = hub.requests.size();
        client.pull(REPO, "main", new PullListener() {});
        assertEquals(before + 1, hub.requests.size(), hub.requests.toString());
    }

    @Test
    void resumesAfterACutConnection() throws Exception {
        hub.files.get("model.safetensors").cutOnce = true;
        DetectGptException e = assertThrows(DetectGptException.class,
            () -> client.withRetries(0).pull(REPO, "main", new PullListener() {}));
        // the hub sends half (150,000 bytes) and drops the connection; the reset can discard bytes
        // still in flight, so the client may have fewer (141,186 seen once): resume from what it kept
        Matcher m = Pattern.compile("cut off at ([0-9,]+) of 300,000 bytes").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        long kept = Long.parseLong(m.group(1).replace(",", ""));
        assertTrue(kept <= 150_000, e.getMessage());
        Path snap = client.withRetries(0).pull(REPO, "main", new PullListener() {});
        // with nothing kept the second pull starts over, with no Range
        String resumed = "model.safetensors bytes=" + kept + "-";
        assertTrue(kept == 0 || hub.requests.stream().anyMatch(r -> r.endsWith(resumed)), hub.requests.toString());
        assertArrayEquals(weights, Files.readAllBytes(snap.resolve("model.safetensors")));
    }

    @Test
    void resumesWithinOnePullWhenRetriesAllow() throws Exception {
        hub.files.get("model.safetensors").cutOnce = true;
        Path snap = client.withRetries(2).pull(REPO, "main", new PullListener() {});
        assertArrayEquals(weights, Files.readAllBytes(snap.resolve("model.safetensors")));
    }

    @Test
    void checksumMismatchIsRejected() throws Exception {
        hub.files.get("model.safetensors").wrongHash = true;
        DetectGptException e = assertThrows(DetectGptException.class,
            () -> client.pull(REPO, "main", new PullListener() {}));
        assertTrue(e.getMessage().contains("checksum mismatch for model.safetensors"), e.getMessage());
        try (Stream<Path> s = Files.walk(cacheDir)) {
            assertTrue(s.noneMatch(p -> Files.isRegularFile(p) && sizeOf(p) == weights.length),
                "the mismatching download is deleted, not kept");
        }
        hub.files.get("config.json").wrongHash = true;
        hub.files.get("model.safetensors").wrongHash = false;
        e = assertThrows(DetectGptException.class, () -> client.pull(REPO, "main", new PullListener() {}));
        assertTrue(e.getMessage().contains("checksum mismatch for config.json (expected git blob id"), e.getMessage());
    }

    @Test
    void maliciousFileNamesAreRejected() throws Exception {
        for (String bad : new String[] {"../../evil.safetensors", "/etc/passwd", "a/../../x.json", "c:\\x.json",
            "ok/./x.safetensors"}) {
            hub.files.clear();
            hub.add("config.json", "{}".getBytes(StandardCharsets.UTF_8), false);
            hub.add(bad, new byte[] {1, 2, 3}, true);
            DetectGptException e = assertThrows(DetectGptException.class,
                () -> client.pull(REPO, "main", new PullListener() {}));
            assertTrue(e.getMessage().contains("refusing the unsafe file name"), e.getMessage());
        }
        try (Stream<Path> s = Files.walk(cacheDir.getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("evil")));
        }
        assertThrows(DetectGptException.class, () -> client.pull("../etc", "main", new PullListener() {}));
        assertThrows(DetectGptException.class, () -> client.pull(REPO, "../../x", new PullListener() {}));
    }

    @Test
    void offlineAndMissingReposSayWhy() throws Exception {
        DetectGptException off = assertThrows(DetectGptException.class,
            () -> client.withOffline(true).pull(REPO, "main", new PullListener() {}));
        assertTrue(off.getMessage().startsWith("offline"), off.getMessage());
        hub.close();
        DetectGptException down = assertThrows(DetectGptException.class,
            () -> client.pull(REPO, "main", new PullListener() {}));
        assertTrue(down.getMessage().contains("are you offline?"), down.getMessage());
        assertFalse(down.getMessage().contains("\n"));
        DetectGptException missing = assertThrows(DetectGptException.class,
            () -> ModelLocator.of(new HfCache(cacheDir)).resolve("acme/not-pulled"));
        assertTrue(missing.getMessage().contains("detectgpt models pull acme/not-pulled"), missing.getMessage());
    }

    @Test
    void cacheFollowsTheEnvironment() {
        assertEquals(Path.of("/x/hub"), HfCache.fromEnvironment(Map.of("HF_HOME", "/x")).root());
        assertEquals(Path.of("/y"), HfCache.fromEnvironment(Map.of("HF_HOME", "/x", "HF_HUB_CACHE", "/y")).root());
        assertEquals(Path.of("/z/huggingface/hub"), HfCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "/z")).root());
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
