package org.detectgpt.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.detectgpt.DetectGptException;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.report.CsvReport;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.HtmlReport;
import org.detectgpt.report.JsonlReport;
import org.detectgpt.report.ReportContext;
import org.detectgpt.scan.DocumentScorer;

/**
 * {@code detectgpt serve}: a local web page where a teacher drops files or a folder, or pastes a
 * text, and sees the scan's table, counts and highlighted texts, and downloads the reports.
 *
 * <p>Built on Javalin (Jetty underneath): a small, maintained library whose routes are plain Java
 * lambdas, with multipart uploads and size limits built in.
 *
 * <p><b>Safe by default.</b> It listens on loopback unless told otherwise; it refuses requests
 * whose {@code Host} is not one of its own names (a web page on another site could otherwise reach
 * it through DNS rebinding) and state-changing requests from another origin; it keeps uploads only
 * in a private temporary folder, deleted when the batch is dropped or the server stops; it scores
 * one batch at a time, the others wait with their place shown; a document that cannot be read is
 * an error row, never an error page. The page loads nothing from elsewhere (a Content Security
 * Policy says so to the browser), and nothing here opens a network connection.
 */
public final class DetectGptServer implements AutoCloseable {
    /** Room on top of the batch's documents: the multipart headers and an uploaded calibration. */
    private static final long MULTIPART_OVERHEAD = 16L << 20;
    private static final String WEB = "/org/detectgpt/serve/web/";
    private static final String CSP = "default-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final ServeSettings settings;
    private final Path root;
    private final Path uploads;
    private final Worker worker;
    private final Javalin app;
    private final Set<String> hosts;
    private final Map<String, String> models;
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private DetectGptServer(ServeSettings settings, Path root) throws DetectGptException {
        this.settings = settings;
        this.root = root;
        this.uploads = root.resolve("uploads");
        this.models = settings.scorer().models().describe();
        try {
            Files.createDirectory(uploads);
        } catch (IOException e) {
            throw new DetectGptException(uploads + ": cannot create the temporary folder: " + e.getMessage(), e);
        }
        this.worker = new Worker(settings.threads());
        ServeLimits limits = settings.limits();
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = limits.maxBatchBytes() + MULTIPART_OVERHEAD;
            // Jetty's own limits sit above ours, so that ours give the message; its spill files stay private
            cfg.jetty.multipartConfig.cacheDirectory(uploads.toString());
            cfg.jetty.multipartConfig.maxFileSize(limits.maxBatchBytes() + MULTIPART_OVERHEAD, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(limits.maxBatchBytes() + MULTIPART_OVERHEAD, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            cfg.routes.before(this::guard);
            cfg.routes.get("/", ctx -> resource(ctx, "index.html", "text/html; charset=utf-8"));
            cfg.routes.get("/app.js", ctx -> resource(ctx, "app.js", "text/javascript; charset=utf-8"));
            cfg.routes.get("/app.css", ctx -> resource(ctx, "app.css", "text/css; charset=utf-8"));
            cfg.routes.get("/report.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(HtmlReport.css()));
            cfg.routes.get("/api/info", this::info);
            cfg.routes.post("/api/batches", this::upload);
            cfg.routes.get("/api/batches/{id}", this::status);
            cfg.routes.delete("/api/batches/{id}", this::drop);
            cfg.routes.get("/api/batches/{id}/documents/{i}", this::document);
            cfg.routes.get("/api/batches/{id}/report.{format}", this::download);
            cfg.routes.exception(Refusal.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e));
        });
        try {
            app.start(settings.bind(), settings.port());
        } catch (RuntimeException e) {
            worker.close();
            throw new DetectGptException("cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                + rootCause(e) + " (is another server using the port? choose another with --port)", e);
        }
        this.hosts = allowedHosts(settings.bind());
    }

    /**
     * Starts the server.
     *
     * @param settings where to listen and how to score
     * @return the running server
     * @throws DetectGptException if it cannot listen there or make its temporary folder
     */
    public static DetectGptServer start(ServeSettings settings) throws DetectGptException {
        Path root;
        try {
            root = TempFolders.createPrivate("detectgpt-serve-");
        } catch (IOException e) {
            throw new DetectGptException("cannot create a private temporary folder: " + e.getMessage(), e);
        }
        try {
            return new DetectGptServer(settings, root);
        } catch (DetectGptException | RuntimeException e) {
            TempFolders.deleteTree(root);
            throw e;
        }
    }

    /** @return the port it listens on */
    public int port() {
        return app.port();
    }

    /** @return the page's address */
    public URI url() {
        String host = settings.bind();
        if (isWildcard(host)) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** @return whether {@code bind} is a loopback address (only this computer can connect) */
    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The private folder holding the batches' files (for tests: it must be empty once batches are dropped). */
    Path temporaryFolder() {
        return root;
    }

    /** Waits until {@link #close()} has stopped the server. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops listening, cancels the batches and deletes every uploaded file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            app.stop();
        } finally {
            worker.close();
            batches.clear();
            TempFolders.deleteTree(root);
            stopped.countDown();
        }
    }

    // ---- requests

    /** A request refused with a status and a one-line reason. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Refuses a request for another host name (DNS rebinding) and state changes from another origin. */
    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        String host = ctx.header("Host");
        if (host == null || !hostAllowed(host)) {
            throw new Refusal(403, "refused: the Host '" + (host == null ? "" : printable(host)) + "' is not this "
                + "server's address; open " + url());
        }
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            String origin = ctx.header("Origin");
            String site = ctx.header("Sec-Fetch-Site");
            if (origin != null && !originAllowed(origin) || site != null && !site.equals("same-origin")
                    && !site.equals("none")) {
                throw new Refusal(403, "refused: a request from another site (" + printable(origin == null ? site
                    : origin) + "); use the page at " + url());
            }
        }
    }

    private boolean hostAllowed(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name;
        String port;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return false;
            }
            name = h.substring(0, end + 1);
            port = h.substring(end + 1);
        } else {
            int colon = h.lastIndexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? "" : h.substring(colon);
        }
        boolean portOk = port.isEmpty() ? port() == 80 : port.equals(":" + port());
        return portOk && hosts.contains(name);
    }

    private boolean originAllowed(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.startsWith("http://") && hostAllowed(o.substring("http://".length()));
    }

    /** @return the host names a browser may use for this server: loopback names, and the bind address's */
    private static Set<String> allowedHosts(String bind) {
        Set<String> s = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        if (isWildcard(bind)) {
            // every address of this computer: the user asked to be reachable on all of them
            try {
                for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(n.getInetAddresses())) {
                        s.add(literal(a));
                    }
                }
                InetAddress local = InetAddress.getLocalHost();
                s.add(local.getHostName().toLowerCase(Locale.ROOT));
                s.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
            } catch (SocketException | UnknownHostException e) {
                // then only the loopback names
            }
        } else {
            s.add(bind.contains(":") && !bind.startsWith("[") ? "[" + bind.toLowerCase(Locale.ROOT) + "]"
                : bind.toLowerCase(Locale.ROOT));
            try {
                s.add(literal(InetAddress.getByName(bind)));
            } catch (UnknownHostException e) {
                // the name itself is allowed above
            }
        }
        return Set.copyOf(s);
    }

    private static String literal(InetAddress a) {
        String h = a.getHostAddress().toLowerCase(Locale.ROOT);
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        return a instanceof Inet6Address ? "[" + h + "]" : h;
    }

    private static boolean isWildcard(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
    }

    private void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = DetectGptServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private void info(Context ctx) {
        ObjectNode o = mapper.createObjectNode();
        DocumentScorer s = settings.scorer();
        ReportContext c = context(s);
        o.put("criterion", s.models().criterion());
        ObjectNode m = o.putObject("models");
        models.forEach(m::put);
        o.put("calibration", c.calibrationSummary());
        o.put("caution", HtmlReport.caution(c));
        ObjectNode l = o.putObject("limits");
        ServeLimits limits = settings.limits();
        l.put("maxFileBytes", limits.maxFileBytes());
        l.put("maxBatchBytes", limits.maxBatchBytes());
        l.put("maxFiles", limits.maxFiles());
        l.put("maxFileText", ServeLimits.size(limits.maxFileBytes()));
        l.put("maxBatchText", ServeLimits.size(limits.maxBatchBytes()));
        ArrayNode ext = o.putArray("extensions");
        DocumentReader.EXTENSIONS.forEach(ext::add);
        json(ctx, 200, o);
    }

    private void upload(Context ctx) throws IOException {
        ServeLimits limits = settings.limits();
        long length = ctx.req().getContentLengthLong();
        if (length > limits.maxBatchBytes() + MULTIPART_OVERHEAD) {
            throw new Refusal(413, "the batch is " + ServeLimits.size(length) + ", over the limit of "
                + ServeLimits.size(limits.maxBatchBytes()) + " a batch: send the folder in parts");
        }
        List<UploadedFile> files;
        UploadedFile calibration;
        try {
            files = ctx.uploadedFiles("files");
            calibration = ctx.uploadedFile("calibration");
        } catch (Exception e) { // Jetty's checked exceptions pass through Javalin's Kotlin undeclared
            String why = rootCause(e);
            boolean tooMuch = why.toLowerCase(Locale.ROOT).contains("exceed")
                || why.toLowerCase(Locale.ROOT).contains("too many");
            throw new Refusal(tooMuch ? 413 : 400, tooMuch ? "the upload is over the server's limits (" + why
                + "): at most " + limits.maxFiles() + " files and " + ServeLimits.size(limits.maxBatchBytes())
                + " a batch" : "the upload could not be read: " + why);
        }
        if (files.isEmpty()) {
            throw new Refusal(400, "nothing to scan: drop files or a folder, or paste a text");
        }
        if (files.size() > limits.maxFiles()) {
            throw new Refusal(413, files.size() + " documents: at most " + limits.maxFiles()
                + " a batch; send the folder in parts");
        }
        long total = files.stream().mapToLong(UploadedFile::size).sum();
        if (total > limits.maxBatchBytes()) {
            throw new Refusal(413, "the batch is " + ServeLimits.size(total) + ", over the limit of "
                + ServeLimits.size(limits.maxBatchBytes()) + " a batch: send the folder in parts");
        }
        String id = newId();
        Path dir = TempFolders.createPrivateIn(root, "batch-");
        try {
            List<String> notes = new ArrayList<>();
            DocumentScorer scorer = settings.scorer();
            if (calibration != null) {
                Path file = dir.resolve("calibration.json");
                copy(calibration, file);
                try {
                    scorer = settings.calibrator().calibrate(file, notes::add);
                } catch (DetectGptException | RuntimeException e) {
                    throw new Refusal(400, "calibration " + printable(displayName(calibration.filename(), "file"))
                        + ": " + e.getMessage());
                }
                notes.add("calibration: " + displayName(calibration.filename(), "file") + " (uploaded with the batch)");
            }
            String criterion = scorer.models().criterion();
            List<Batch.Upload> docs = new ArrayList<>();
            List<DocumentReport> refused = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < files.size(); i++) {
                UploadedFile f = files.get(i);
                String name = unique(displayName(f.filename(), "document-" + (i + 1) + ".txt"), names);
                if (f.size() > limits.maxFileBytes()) {
                    refused.add(new DocumentReport.Failed(name, Optional.empty(), criterion, "the file is " + ServeLimits.size(f.size())
                        + ", over the limit of " + ServeLimits.size(limits.maxFileBytes()) + " a file: not scanned"));
                    continue;
                }
                // the reader picks the format by the extension: keep it, and nothing else of the name
                Path stored = dir.resolve(String.format(Locale.ROOT, "%05d%s", i, extension(name)));
                copy(f, stored);
                docs.add(new Batch.Upload(name, stored));
            }
            Batch b = new Batch(id, dir, scorer, docs, refused, notes);
            batches.put(id, b);
            int ahead = worker.submit(b);
            ObjectNode o = mapper.createObjectNode();
            o.put("id", id);
            o.put("position", ahead);
            o.put("total", b.total());
            json(ctx, 201, o);
        } catch (IOException | RuntimeException e) {
            batches.remove(id);
            TempFolders.deleteTree(dir);
            throw e;
        }
    }

    private static void copy(UploadedFile f, Path to) throws IOException {
        try (InputStream in = f.content()) {
            Files.copy(in, to);
        }
    }

    private void status(Context ctx) {
        Batch b = batch(ctx);
        Batch.Snapshot s = b.snapshot();
        ObjectNode o = mapper.createObjectNode();
        o.put("id", b.id());
        o.put("state", s.state().label());
        o.put("position", s.state() == Batch.State.QUEUED ? worker.position(b) : 0);
        o.put("done", s.reports().size());
        o.put("total", b.total());
        ArrayNode rows = o.putArray("rows");
        for (int i = 0; i < s.reports().size(); i++) {
            rows.add(Reports.row(mapper, i, s.reports().get(i)));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        DocumentReport.LABELS.forEach(label -> counts.put(label, 0));
        s.reports().forEach(r -> counts.merge(r.label(), 1, Integer::sum));
        ObjectNode c = o.putObject("counts");
        counts.forEach(c::put);
        ArrayNode notes = o.putArray("notes");
        b.notes().forEach(notes::add);
        o.put("error", s.error());
        o.put("caution", HtmlReport.caution(context(b.scorer())));
        o.put("calibration", context(b.scorer()).calibrationSummary());
        putTime(o, "started", s.started());
        putTime(o, "finished", s.finished());
        json(ctx, 200, o);
    }

    private static void putTime(ObjectNode o, String key, Instant t) {
        if (t == null) {
            o.putNull(key);
        } else {
            o.put(key, t.toEpochMilli());
        }
    }

    private void drop(Context ctx) {
        Batch b = batch(ctx);
        boolean waiting = worker.dequeue(b);
        Batch.State before = b.cancel();
        batches.remove(b.id());
        // a running batch's files go when its scan has stopped (the worker deletes them); the others now
        if (waiting || before != Batch.State.RUNNING) {
            TempFolders.deleteTree(b.dir());
        }
        ObjectNode o = mapper.createObjectNode();
        o.put("id", b.id());
        o.put("state", before == Batch.State.QUEUED || before == Batch.State.RUNNING ? "cancelled" : "dropped");
        json(ctx, 200, o);
    }

    private void document(Context ctx) {
        Batch b = batch(ctx);
        int i;
        try {
            i = Integer.parseInt(ctx.pathParam("i"));
        } catch (NumberFormatException e) {
            i = -1;
        }
        DocumentReport r = b.report(i);
        if (r == null) {
            throw new Refusal(404, "no document " + printable(ctx.pathParam("i")) + " in this batch (yet)");
        }
        ctx.contentType("text/html; charset=utf-8").result(HtmlReport.section(i, r));
    }

    private void download(Context ctx) throws DetectGptException, IOException {
        Batch b = batch(ctx);
        String format = ctx.pathParam("format");
        List<DocumentReport> reports = new ArrayList<>(b.snapshot().reports());
        reports.sort(Comparator.comparing(DocumentReport::path)); // the order scan's reports use
        Path file = b.dir().resolve("report." + format);
        String type;
        switch (format) {
            case "html" -> {
                HtmlReport.write(file, context(b.scorer()), reports);
                type = "text/html; charset=utf-8";
            }
            case "csv" -> {
                CsvReport.write(file, reports);
                type = "text/csv; charset=utf-8";
            }
            case "jsonl" -> {
                try (JsonlReport out = JsonlReport.open(file, false)) {
                    for (DocumentReport r : reports) {
                        out.write(r);
                    }
                }
                type = "application/jsonl; charset=utf-8";
            }
            default -> throw new Refusal(404, "no report format '" + printable(format) + "' (html, csv, jsonl)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"detectgpt-report." + format + "\"");
        ctx.contentType(type).result(bytes);
    }

    // ---- helpers

    private Batch batch(Context ctx) {
        Batch b = batches.get(ctx.pathParam("id"));
        if (b == null) {
            throw new Refusal(404, "no such batch (it was dropped, or the server restarted)");
        }
        return b;
    }

    private ReportContext context(DocumentScorer s) {
        return new ReportContext(models, s.models().criterion(), s.calibration(), s.minWords(), s.minChineseChars(),
            Instant.now());
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void json(Context ctx, int status, ObjectNode o) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(mapper.writeValueAsBytes(o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void error(Context ctx, int status, String message) {
        ObjectNode o = mapper.createObjectNode();
        o.put("error", message);
        json(ctx, status, o);
    }

    /**
     * @return the document's name as the page sent it (URL-encoded, so a folder path survives the
     *     multipart headers): a relative path without {@code ..}, control characters or a drive
     */
    static String displayName(String submitted, String fallback) {
        if (submitted == null || submitted.isBlank()) {
            return fallback;
        }
        String s;
        try {
            s = URLDecoder.decode(submitted, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            s = submitted;
        }
        List<String> parts = new ArrayList<>();
        for (String p : s.replace('\\', '/').split("/")) {
            String clean = p.replaceAll("\\p{Cntrl}", "").strip();
            if (!clean.isEmpty() && !clean.equals(".") && !clean.equals("..") && !clean.endsWith(":")) {
                parts.add(clean);
            }
        }
        String name = String.join("/", parts);
        if (name.length() > 300) {
            name = "…" + name.substring(name.length() - 299);
        }
        return name.isEmpty() ? fallback : name;
    }

    /** @return {@code name}, or with " (2)", " (3)" … before its extension if the batch has it already */
    private static String unique(String name, Set<String> taken) {
        String n = name;
        int dot = name.lastIndexOf('.');
        for (int k = 2; !taken.add(n); k++) {
            n = dot > name.lastIndexOf('/') ? name.substring(0, dot) + " (" + k + ")" + name.substring(dot)
                : name + " (" + k + ")";
        }
        return n;
    }

    /** @return ".docx" for "essays/a.DOCX": letters and digits only, lower case; "" without one */
    private static String extension(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        String ext = dot <= 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,10}") ? "." + ext : "";
    }

    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 200 ? p.substring(0, 200) + "…" : p;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("[\\r\\n]+", " ").strip();
    }
}
