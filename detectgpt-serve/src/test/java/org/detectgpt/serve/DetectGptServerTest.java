package org.detectgpt.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.Formats;
import org.detectgpt.scan.ScanResult;
import org.detectgpt.scan.BatchScan;
import org.detectgpt.serve.TestServers.Form;
import org.detectgpt.serve.TestServers.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server over HTTP: uploads, limits, bad files, Host and Origin checks, the queue, cancelling. */
class DetectGptServerTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** Small limits, so that the tests can cross them cheaply. */
    private static final ServeLimits LIMITS = new ServeLimits(64 * 1024, 1024 * 1024, 150);
    private static DetectGptServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(LIMITS);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Drops what a failed test left, so that the next one starts with no batch. */
    @AfterEach
    void dropAll() throws Exception {
        for (String id : POSTED) {
            TestServers.send(HttpRequest.newBuilder(server.url().resolve("/api/batches/" + id)).DELETE().build());
        }
        POSTED.clear();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!batchFolders().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static final List<String> POSTED = new ArrayList<>();

    private static String post(Form form, int expectedStatus) throws Exception {
        return result(TestServers.send(form.post(server.url().resolve("/api/batches")).build()), expectedStatus);
    }

    /** @return the new batch's id, or the error message */
    private static String result(Reply r, int expectedStatus) throws IOException {
        if (r.status() == 201) {
            POSTED.add(r.json().get("id").asText());
        }
        assertEquals(expectedStatus, r.status(), r.body());
        return r.status() == 201 ? r.json().get("id").asText() : r.json().get("error").asText();
    }

    private static Map<String, JsonNode> rowsByPath(JsonNode status) {
        Map<String, JsonNode> m = new HashMap<>();
        status.get("rows").forEach(r -> m.put(r.get("path").asText(), r));
        return m;
    }

    @Test
    void servesThePageWithoutReachingElsewhere() throws Exception {
        Reply page = TestServers.get(server, "/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script src=\"app.js\""), page.body());
        assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "the page loads nothing from elsewhere");
        String csp = page.headers().get("content-security-policy").get(0);
        assertTrue(csp.contains("default-src 'self'") && csp.contains("connect-src 'self'"), csp);
        JsonNode info = TestServers.get(server, "/api/info").json();
        assertEquals("ensemble", info.get("criterion").asText());
        assertEquals(150, info.get("limits").get("maxFiles").asInt());
        assertTrue(info.get("caution").asText().contains("not proof"), info.toString());
        assertEquals(200, TestServers.get(server, "/app.js").status());
        assertEquals(200, TestServers.get(server, "/report.css").status());
    }

    @Test
    void scansAFolderWithBadFilesOnTheirRowsAndServesTheReports() throws Exception {
        Form form = new Form().folder(EXAMPLES)
            .file("files", "class/empty.txt", new byte[0])
            .file("files", "class/broken.pdf", "%PDF-1.7 this is not a PDF".getBytes(StandardCharsets.US_ASCII))
            .file("files", "class/photo.jpg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0})
            .file("files", "../../etc/passwd.txt", "a name that tries to leave its folder".getBytes(StandardCharsets.UTF_8))
            .file("files", "class/too-big.txt", "word ".repeat(20_000).getBytes(StandardCharsets.UTF_8));
        String id = post(form, 201);
        JsonNode done = TestServers.await(server, id);
        assertEquals("done", done.get("state").asText());
        long examples;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            examples = s.count();
        }
        assertEquals(examples + 5, done.get("total").asInt());
        assertEquals(examples + 5, done.get("rows").size());
        Map<String, JsonNode> rows = rowsByPath(done);
        // the same verdicts and scores as scan's own BatchScan on those files
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(DocumentReader::isSupported).sorted().toList();
        }
        ScanResult direct = BatchScan.of(TestServers.scorer()).scan(files, Map.of(), r -> { });
        assertEquals(files.size(), direct.reports().size());
        for (DocumentReport r : direct.reports()) {
            JsonNode row = rows.get("examples/" + Path.of(r.path()).getFileName());
            assertEquals(r.label(), row.get("verdict").asText(), r.path());
            assertEquals(Formats.score(org.detectgpt.report.Row.of(r).score()), row.get("score").get("text").asText(), r.path());
        }
        // and the truth of examples/ (examples/README.md): no human text flagged, no machine text cleared
        for (String name : rows.keySet()) {
            String verdict = rows.get(name).get("verdict").asText();
            assertFalse(name.startsWith("examples/human-") && verdict.equals("likely-machine"), name);
            assertFalse(name.startsWith("examples/machine-") && verdict.equals("likely-human"), name);
        }
        assertEquals("likely-machine", rows.get("examples/machine-essay-claude-3-opus.docx").get("verdict").asText());
        assertEquals("likely-human", rows.get("examples/human-story-writingprompts.md").get("verdict").asText());
        assertTrue(rows.get("examples/make-samples.py").get("note").asText().contains("unsupported"));
        assertEquals("error", rows.get("class/empty.txt").get("verdict").asText());
        assertTrue(rows.get("class/broken.pdf").get("note").asText().toLowerCase().contains("pdf"),
            rows.get("class/broken.pdf").toString());
        assertTrue(rows.get("class/photo.jpg").get("note").asText().contains("unsupported"),
            rows.get("class/photo.jpg").toString());
        assertTrue(rows.get("class/too-big.txt").get("note").asText().contains("over the limit of 64 KB a file"),
            rows.get("class/too-big.txt").toString());
        assertNotNull(rows.get("etc/passwd.txt"), "'..' is dropped from a name: " + rows.keySet());
        int counted = 0;
        for (var e : done.get("counts").properties()) {
            long n = rows.values().stream().filter(r -> r.get("verdict").asText().equals(e.getKey())).count();
            assertEquals(n, e.getValue().asInt(), e.getKey());
            counted += e.getValue().asInt();
        }
        assertEquals(rows.size(), counted);

        // the highlighted view of a machine text, as the HTML report draws it
        JsonNode machine = rows.get("examples/machine-story-gpt-4o.txt");
        Reply view = TestServers.get(server, "/api/batches/" + id + "/documents/" + machine.get("i").asInt());
        assertEquals(200, view.status());
        assertTrue(view.body().contains("<section class=\"doc\"") && view.body().contains("<mark"), view.body());
        assertEquals(404, TestServers.get(server, "/api/batches/" + id + "/documents/999").status());

        // the reports are scan's: same writers, and no temporary path in them
        String tmp = server.temporaryFolder().toString();
        Reply csv = TestServers.get(server, "/api/batches/" + id + "/report.csv");
        assertEquals(200, csv.status());
        List<String> lines = csv.body().lines().toList();
        assertEquals("\uFEFFpath,verdict,probability,score,human_percentile,machine_percentile,language,words,model,"
            + "criterion,reason,sha256", lines.get(0));
        assertEquals(examples + 5 + 1, lines.size());
        Reply jsonl = TestServers.get(server, "/api/batches/" + id + "/report.jsonl");
        assertEquals(examples + 5, jsonl.body().lines().count());
        Reply html = TestServers.get(server, "/api/batches/" + id + "/report.html");
        assertTrue(html.body().contains("examples/machine-story-gpt-4o.txt") && html.body().contains("<mark"));
        assertTrue(html.headers().get("content-disposition").get(0).contains("detectgpt-report.html"));
        assertFalse(done.toString().contains(tmp), "a temporary path leaked into the rows");
        for (Reply r : List.of(csv, jsonl, html, view)) {
            assertFalse(r.body().contains(tmp), "a temporary path leaked into a report");
        }
        assertEquals(404, TestServers.get(server, "/api/batches/" + id + "/report.exe").status());
        drop(id);
    }

    @Test
    void refusesBatchesOverTheLimitsWithAClearMessage() throws Exception {
        Form many = new Form();
        for (int i = 0; i < LIMITS.maxFiles() + 1; i++) {
            many.file("essay-" + i + ".txt", "a short text");
        }
        assertEquals("151 documents: at most 150 a batch; send the folder in parts", post(many, 413));
        Form big = new Form();
        for (int i = 0; i < 20; i++) {
            big.file("essay-" + i + ".txt", "x".repeat(60 * 1024));
        }
        String m = post(big, 413);
        assertTrue(m.startsWith("the batch is 1.2 MB, over the limit of 1 MB a batch"), m);
        assertEquals("nothing to scan: drop files or a folder, or paste a text", post(new Form(), 400));
        assertTrue(batchFolders().isEmpty(), "a refused batch leaves no file");
    }

    @Test
    void refusesOtherHostsAndCrossOriginPosts() throws Exception {
        int port = server.port();
        String evil = TestServers.raw(server, "GET /api/info HTTP/1.1\r\nHost: evil.example:" + port
            + "\r\nConnection: close\r\n\r\n");
        assertTrue(evil.startsWith("HTTP/1.1 403"), evil);
        assertTrue(evil.contains("is not this server's address"), evil);
        String rebinding = TestServers.raw(server, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + (port + 1)
            + "\r\nConnection: close\r\n\r\n");
        assertTrue(rebinding.startsWith("HTTP/1.1 403"), rebinding);
        for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
            String ok = TestServers.raw(server, "GET /api/info HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nConnection: close\r\n\r\n");
            assertTrue(ok.startsWith("HTTP/1.1 200"), host + ": " + ok);
        }
        Form form = new Form().file("essay.txt", "a text");
        Reply crossOrigin = TestServers.send(form.post(server.url().resolve("/api/batches"))
            .header("Origin", "http://evil.example").build());
        assertEquals(403, crossOrigin.status());
        assertTrue(crossOrigin.json().get("error").asText().contains("another site"), crossOrigin.body());
        Reply crossSite = TestServers.send(form.post(server.url().resolve("/api/batches"))
            .header("Sec-Fetch-Site", "cross-site").build());
        assertEquals(403, crossSite.status());
        Reply drop = TestServers.send(HttpRequest.newBuilder(server.url().resolve("/api/batches/x"))
            .header("Origin", "http://localhost:" + (port + 1)).DELETE().build());
        assertEquals(403, drop.status());
        Reply sameOrigin = TestServers.send(form.post(server.url().resolve("/api/batches"))
            .header("Origin", "http://127.0.0.1:" + port).header("Sec-Fetch-Site", "same-origin").build());
        String id = result(sameOrigin, 201);
        TestServers.await(server, id);
        drop(id);
        assertTrue(batchFolders().isEmpty());
    }

    /** @return a batch of {@code n} essays of about 400 words, each different (so each is scored) */
    private static Form essays(int n) throws IOException {
        String base = Files.readString(EXAMPLES.resolve("machine-story-gpt-4o.txt"));
        Form f = new Form();
        for (int i = 0; i < n; i++) {
            f.file("essays/essay-" + i + ".txt", "Essay " + i + ".\n\n" + base + "\n\n" + base);
        }
        return f;
    }

    @Test
    void scoresOneBatchAtATimeAndShowsTheQueue() throws Exception {
        Reply a = TestServers.send(essays(120).post(server.url().resolve("/api/batches")).build());
        Reply b = TestServers.send(essays(3).post(server.url().resolve("/api/batches")).build());
        Reply c = TestServers.send(essays(3).post(server.url().resolve("/api/batches")).build());
        List<Integer> positions = new ArrayList<>();
        for (Reply r : List.of(a, b, c)) {
            result(r, 201);
            positions.add(r.json().get("position").asInt());
        }
        // each waits for the batches before it (the first may already run)
        assertEquals(List.of(1, 2), positions.subList(1, 3), positions.toString());
        JsonNode waiting = TestServers.get(server, "/api/batches/" + c.json().get("id").asText()).json();
        assertEquals("queued", waiting.get("state").asText(), waiting.toString());
        assertTrue(waiting.get("position").asInt() >= 1, waiting.toString());
        List<JsonNode> done = new ArrayList<>();
        for (Reply r : List.of(a, b, c)) {
            done.add(TestServers.await(server, r.json().get("id").asText()));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("done", done.get(i).get("state").asText());
            assertEquals(done.get(i).get("total").asInt(), done.get(i).get("rows").size());
            if (i > 0) {
                assertTrue(done.get(i).get("started").asLong() >= done.get(i - 1).get("finished").asLong(),
                    "batch " + i + " started before batch " + (i - 1) + " finished");
            }
        }
        for (Reply r : List.of(a, b, c)) {
            drop(r.json().get("id").asText());
        }
    }

    @Test
    void cancellingAQueuedOrRunningBatchDeletesItsFiles() throws Exception {
        String running = post(essays(120), 201);
        String queued = post(essays(3), 201);
        assertEquals(2, batchFolders().size());
        JsonNode cancelled = drop(queued);
        assertEquals("cancelled", cancelled.get("state").asText());
        assertEquals(404, TestServers.get(server, "/api/batches/" + queued).status());
        assertEquals(1, batchFolders().size(), "a queued batch's files go at once");
        JsonNode before = TestServers.get(server, "/api/batches/" + running).json();
        assertEquals("cancelled", drop(running).get("state").asText());
        assertTrue(before.get("done").asInt() < 120, "the batch was cancelled while it ran: " + before.get("done"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!batchFolders().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(batchFolders().isEmpty(), "a running batch's files go once its scan stops");
        assertEquals(404, TestServers.send(HttpRequest.newBuilder(server.url().resolve("/api/batches/" + running))
            .DELETE().build()).status());
    }

    @Test
    void appliesAnUploadedCalibrationAndRefusesABadOne() throws Exception {
        Path good = org.detectgpt.models.BundledModels.defaultFor(org.detectgpt.language.Language.ENGLISH).orElseThrow()
            .calibration().orElseThrow();
        Form form = new Form().file("calibration", "my-class.json", Files.readAllBytes(good))
            .file("essay.txt", Files.readString(EXAMPLES.resolve("machine-story-gpt-4o.txt")));
        String id = post(form, 201);
        JsonNode done = TestServers.await(server, id);
        assertEquals("done", done.get("state").asText());
        assertTrue(done.get("notes").toString().contains("my-class.json"), done.toString());
        drop(id);
        Form bad = new Form().file("calibration", "notes.json", "{\"not\": \"a calibration\"}".getBytes(StandardCharsets.UTF_8))
            .file("essay.txt", "a text");
        String m = post(bad, 400);
        assertTrue(m.startsWith("calibration notes.json: "), m);
        assertTrue(batchFolders().isEmpty());
    }

    @Test
    void stoppingTheServerDeletesItsTemporaryFolder() throws Exception {
        DetectGptServer other = TestServers.start(LIMITS);
        Path tmp = other.temporaryFolder();
        Reply r = TestServers.send(essays(40).post(other.url().resolve("/api/batches")).build());
        assertEquals(201, r.status(), r.body());
        assertTrue(Files.isDirectory(tmp));
        other.close();
        assertFalse(Files.exists(tmp), "stopping deletes every uploaded file");
    }

    private static JsonNode drop(String id) throws Exception {
        Reply r = TestServers.send(HttpRequest.newBuilder(server.url().resolve("/api/batches/" + id)).DELETE().build());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** @return the batches' folders in the server's private temporary folder */
    private static List<Path> batchFolders() throws IOException {
        try (Stream<Path> s = Files.list(server.temporaryFolder())) {
            return s.filter(p -> p.getFileName().toString().startsWith("batch-")).toList();
        }
    }
}
