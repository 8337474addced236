package org.detectgpt.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local imitation of the hub's two endpoints, on 127.0.0.1 only: the revision metadata
 * ({@code /api/models/REPO/revision/REV?blobs=true}) and file downloads
 * ({@code /REPO/resolve/COMMIT/FILE}, with {@code Range} support). Files can be marked to cut
 * the connection half-way once, or to be listed with a wrong hash.
 */
final class FakeHub implements AutoCloseable {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    /** A file served: content, whether it is in LFS, and its faults. */
    static final class File {
        final byte[] content;
        final boolean lfs;
        boolean cutOnce;
        boolean wrongHash;

        File(byte[] content, boolean lfs) {
            this.content = content;
            this.lfs = lfs;
        }
    }

    final Map<String, File> files = new LinkedHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final String repo;

    FakeHub(String repo) throws IOException {
        this.repo = repo;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    File add(String name, byte[] content, boolean lfs) {
        File f = new File(content, lfs);
        files.put(name, f);
        return f;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        try (ex) {
            if (path.equals("/api/models/" + repo + "/revision/main")) {
                send(ex, 200, metadata().getBytes(StandardCharsets.UTF_8));
                return;
            }
            String prefix = "/" + repo + "/resolve/" + COMMIT + "/";
            File f = path.startsWith(prefix) ? files.get(java.net.URLDecoder.decode(path.substring(prefix.length()),
                StandardCharsets.UTF_8)) : null;
            if (f == null) {
                send(ex, 404, "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            int len = f.content.length - from;
            if (range != null) {
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (f.content.length - 1) + "/"
                    + f.content.length);
            }
            ex.sendResponseHeaders(range == null ? 200 : 206, len);
            OutputStream out = ex.getResponseBody();
            if (f.cutOnce) {
                // announce the full length, send half, then drop the connection
                f.cutOnce = false;
                out.write(f.content, from, len / 2);
                out.flush();
                throw new IOException("cut");
            }
            out.write(f.content, from, len);
        }
    }

    private String metadata() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("id", repo);
        root.put("sha", COMMIT);
        ArrayNode siblings = root.putArray("siblings");
        files.forEach((name, f) -> {
            ObjectNode s = siblings.addObject();
            s.put("rfilename", name);
            s.put("size", f.content.length);
            byte[] content = f.wrongHash ? "something else".getBytes(StandardCharsets.UTF_8) : f.content;
            if (f.lfs) {
                s.put("blobId", hex("SHA-1", content));
                ObjectNode lfs = s.putObject("lfs");
                lfs.put("sha256", hex("SHA-256", content));
                lfs.put("size", f.content.length);
            } else {
                byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
                byte[] all = new byte[header.length + content.length];
                System.arraycopy(header, 0, all, 0, header.length);
                System.arraycopy(content, 0, all, header.length, content.length);
                s.put("blobId", hex("SHA-1", all));
            }
        });
        return root.toString();
    }

    private static String hex(String alg, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
