package org.detectgpt.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.Detector;
import org.detectgpt.models.BundledModels;
import org.detectgpt.models.ModelSet;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.language.Language;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanModels;

/** The embedded default detector (as {@code scan} uses it without options) and an HTTP client for tests. */
final class TestServers {
    private static DocumentScorer scorer;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServers() {}

    /** @return the bundled English and Chinese models with the ensemble criterion and the bundled calibration */
    static synchronized DocumentScorer scorer() throws DetectGptException {
        if (scorer == null) {
            ScanModels models = ScanModels.of(ensemble(Language.ENGLISH)).withChinese(ensemble(Language.CHINESE));
            DocumentScorer s = DocumentScorer.of(models);
            scorer = s.withCalibration(bundledCalibration(s));
        }
        return scorer;
    }

    /** @return the bundled calibration's entries that fit {@code s} */
    static CalibrationSet bundledCalibration(DocumentScorer s) throws DetectGptException {
        Path file = BundledModels.defaultFor(Language.ENGLISH).orElseThrow().calibration().orElseThrow();
        CalibrationSet set = CalibrationSet.read(file);
        List<Calibration> fit = set.calibrations().stream().filter(s::fits).toList();
        return new CalibrationSet(set.name(), fit);
    }

    /** As scan builds it: the English head reads the aligned pair, so its human side comes along. */
    private static Detector ensemble(Language l) throws DetectGptException {
        CausalLm model = ModelLoader.load(BundledModels.defaultFor(l).orElseThrow().path());
        Criterion c = Criteria.forName("ensemble", model);
        ModelSet bundled = ModelSet.bundled(spec -> BundledModels.find(spec).orElseThrow().path());
        return Detector.builder().setModel(model).optSamplingModel(bundled.samplingFor(null, c).orElse(null))
            .setCriterion(c).build();
    }

    /** @return a server on a free loopback port, scoring with the default detector */
    static DetectGptServer start(ServeLimits limits) throws DetectGptException {
        DocumentScorer s = scorer();
        return DetectGptServer.start(new ServeSettings(ServeSettings.LOOPBACK, 0, s,
            (file, notes) -> s.withCalibration(CalibrationSet.read(file)), 2, limits));
    }

    /** A multipart/form-data body. */
    static final class Form {
        private final String boundary = "----detectgpt-test-" + System.nanoTime();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        /** Adds a file part named as the page does: its path URL-encoded. */
        Form file(String field, String name, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(content);
            write("\r\n");
            return this;
        }

        Form file(String name, String text) {
            return file("files", name, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds every file of {@code dir} (not its subfolders) under "folder/name". */
        Form folder(Path dir) throws IOException {
            try (var s = Files.list(dir)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    file("files", dir.getFileName() + "/" + p.getFileName(), Files.readAllBytes(p));
                }
            }
            return this;
        }

        private void write(String s) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        HttpRequest.Builder post(URI uri) {
            byte[] b = body.toByteArray();
            byte[] all = new byte[b.length + boundary.length() + 6];
            System.arraycopy(b, 0, all, 0, b.length);
            byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(end, 0, all, b.length, end.length);
            return HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(all));
        }
    }

    /** A response: status and body. */
    record Reply(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static Reply send(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> res = HTTP.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(res.statusCode(), res.body(), res.headers().map());
    }

    static Reply get(DetectGptServer s, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(s.url().resolve(path)).GET().build());
    }

    /** @return the status line and body of a raw request: the only way to send a Host header of one's own */
    static String raw(DetectGptServer s, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Polls the batch until it is no longer queued or running. */
    static JsonNode await(DetectGptServer s, String id) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode j = get(s, "/api/batches/" + id).json();
            String state = j.path("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("batch " + id + " did not finish in 3 minutes");
    }
}
