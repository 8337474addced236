package org.detectgpt.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.detectgpt.document.DocumentException;
import org.detectgpt.document.DocumentReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile folders, as real files and links: no entry stops the walk, none is dropped silently, none is opened. */
class ScanInputsTest {
    @Test
    void aLinkLoopIsSkippedAndTheRestIsScanned(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("garden.txt"), "text");
        Files.writeString(d.resolve("sub/inner.md"), "text");
        Files.createSymbolicLink(d.resolve("sub/up"), Path.of(".."));

        ScanInputs.Inputs in = ScanInputs.collect(List.of(d.toString()), Set.of());

        assertEquals(List.of(d.resolve("garden.txt"), d.resolve("sub/inner.md")), in.files());
        assertEquals(1, in.skipped().size(), in.toString());
        assertEquals(d.resolve("sub/up"), in.skipped().get(0).path());
        assertTrue(in.skipped().get(0).reason().contains("link loop"), in.toString());
        assertTrue(in.problems().isEmpty(), in.toString());
    }

    @Test
    void anUnreadableFolderIsAProblemAndTheRestIsScanned(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        Path locked = Files.createDirectories(d.resolve("locked"));
        Files.writeString(locked.resolve("hidden-from-us.txt"), "text");
        Files.writeString(d.resolve("ok.txt"), "text");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            // root reads any folder: the case exists only for ordinary users
            assumeTrue(!Files.isReadable(locked), "running as root: permissions do not deny reading");
            ScanInputs.Inputs in = ScanInputs.collect(List.of(d.toString()), Set.of());
            assertEquals(List.of(d.resolve("ok.txt")), in.files());
            assertEquals(1, in.problems().size(), in.toString());
            assertEquals(locked, in.problems().get(0).path());
            assertTrue(in.problems().get(0).reason().startsWith("permission denied"), in.toString());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void unsupportedAndSpecialFilesAreListedWithTheReason(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        for (String n : List.of("a.doc", "b.odt", "c.rtf", "README")) {
            Files.writeString(d.resolve(n), "x");
        }
        Files.writeString(d.resolve(".hidden.txt"), "x");
        Files.createSymbolicLink(d.resolve("gone.txt"), d.resolve("no-such-file.txt"));
        Path fifo = mkfifo(d.resolve("pipe.txt"));

        ScanInputs.Inputs in = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> ScanInputs.collect(List.of(d.toString()), Set.of()));

        assertTrue(in.files().isEmpty(), in.toString());
        Map<String, String> why = in.skipped().stream()
            .collect(Collectors.toMap(e -> e.path().getFileName().toString(), ScanInputs.Entry::reason));
        assertEquals(Set.of("a.doc", "b.odt", "c.rtf", "README", "gone.txt", "pipe.txt"), why.keySet(), in.toString());
        assertTrue(why.get("a.doc").contains("unsupported file type '.doc'"), why.get("a.doc"));
        assertTrue(why.get("README").contains("no file extension"), why.get("README"));
        assertEquals("broken symbolic link", why.get("gone.txt"));
        assertTrue(why.get("pipe.txt").contains("named pipe") && why.get("pipe.txt").contains("not opened"),
            why.get("pipe.txt"));
        assertTrue(Files.exists(fifo));
    }

    @Test
    void aPipeNamedOnTheCommandLineIsRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
        Path fifo = mkfifo(dir.resolve("essay.txt"));
        assertEquals(List.of(fifo), ScanInputs.collect(List.of(fifo.toString()), Set.of()).files());
        DocumentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> assertThrows(DocumentException.class, () -> DocumentReader.defaults().readBytes(fifo)));
        assertTrue(e.getMessage().startsWith(fifo + ": not a regular file"), e.getMessage());
    }

    @Test
    void theRunsOwnReportsAreNotInputs(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        Files.writeString(d.resolve("essay.txt"), "x");
        Files.writeString(d.resolve("report.html"), "<html>an earlier report</html>");
        ScanInputs.Inputs in = ScanInputs.collect(List.of(d.toString()), Set.of(Path.of(d + "/./report.html")));
        assertEquals(List.of(d.resolve("essay.txt")), in.files());
    }

    static Path mkfifo(Path p) throws Exception {
        Process pr;
        try {
            pr = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo here");
            throw e;
        }
        assumeTrue(pr.waitFor() == 0, "mkfifo failed");
        return p;
    }
}
