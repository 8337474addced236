package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A document too big for the heap becomes an error row; the scan goes on (a forked JVM with a small -Xmx). */
class OutOfMemoryTest {
    @Test
    void aDocumentThatExhaustsTheHeapIsAnErrorRow(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("a-big.html");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("<html><body>");
            // 40 MB of tiny elements: the parsed tree is many times the file
            for (int i = 0; i < 2_000_000; i++) {
                w.write("<p><b>a</b> word</p>\n");
            }
            w.write("</body></html>");
        }
        Path ok = Files.writeString(dir.resolve("b-ok.txt"), TestDocuments.story(12, 160));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx160m", "-Dorg.bytedeco.javacpp.maxbytes=4G", "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), "scan", "--model", Cli.MODEL, "-c", "likelihood", "--threads", "1", "--quiet",
            big.toString(), ok.toString())
            .redirectErrorStream(true).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.exitValue(), out);
        assertTrue(out.contains("out of memory while reading or scoring it"), out);
        assertTrue(out.contains("b-ok.txt") && out.contains("2 documents: ") && out.contains("1 error"), out);
        assertFalse(out.contains("internal error") || out.contains("OutOfMemoryError"), out);
    }
}
