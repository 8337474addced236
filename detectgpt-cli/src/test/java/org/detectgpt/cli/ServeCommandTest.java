package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code detectgpt serve}: options, the error contract, and a real start on a free port. */
class ServeCommandTest {
    @Test
    void refusesABadPortAsAUsageError() {
        Cli r = Cli.run("serve", "--port", "0");
        assertEquals(Main.EXIT_USAGE, r.status, r.toString());
        assertEquals("detectgpt: --port must be between 1 and 65535: 0", r.err.strip());
    }

    @Test
    void saysInOneLineThatThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Cli r = Cli.run("serve", "--port", taken.getLocalPort());
            assertEquals(Main.EXIT_INPUT_ERROR, r.status, r.toString());
            String line = r.err.strip();
            assertTrue(line.startsWith("detectgpt: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "), line);
            assertTrue(line.contains("--port") && !line.contains("\n") && !line.contains("\tat "), line);
        }
    }

    @Test
    void servesThePageAndWarnsWhenBoundBeyondThisComputer() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {"serve", "--bind", "0.0.0.0", "--port", Integer.toString(port)};
        // the command serves until the process stops (its shutdown hook deletes the uploads)
        Thread t = new Thread(() -> Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)));
        t.setDaemon(true);
        t.start();
        Pattern url = Pattern.compile("open (http://\\S+) in a browser");
        long deadline = System.nanoTime() + 120_000_000_000L;
        Matcher m = url.matcher("");
        while (System.nanoTime() < deadline && t.isAlive() && !(m = url.matcher(out.toString())).find()) {
            Thread.sleep(100);
        }
        assertTrue(m.find(0), "out: " + out + "\nerr: " + err);
        assertEquals("http://localhost:" + port + "/", m.group(1));
        assertTrue(err.toString().contains("warning: --bind 0.0.0.0: other computers"), err.toString());
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("detectgpt"), page.body());
    }
}
