package org.detectgpt.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.detectgpt.testing.Fixtures;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Using the library prints nothing of its own: no logging framework's warnings on stderr. */
class QuietLibraryTest {
    @Test
    void loadingAModelAndReadingADocxPrintsNothingElse(@TempDir Path dir) throws Exception {
        Path docx = Files.write(dir.resolve("a.docx"), TestDocuments.docx(List.of("Some text.")));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), QuietProbe.class.getName(),
            Fixtures.path("stories260K/stories260K.bin").toString(), docx.toString())
            .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("ok stories260K.bin", out.strip(), "only the probe's own line: " + out);
    }
}
