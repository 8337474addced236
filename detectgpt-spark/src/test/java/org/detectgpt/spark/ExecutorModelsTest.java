package org.detectgpt.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.detectgpt.DetectGptException;
import org.detectgpt.models.BundledModels;
import org.detectgpt.language.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorModelsTest {
    @Test
    void aModelUriIsCopiedToLocalDiskOnceUnderItsOwnName(@TempDir Path tmp) throws Exception {
        // a model folder on "shared storage": a copy of the bundled English model
        Path shared = tmp.resolve("shared").resolve("detectgpt-en");
        Files.createDirectories(shared);
        Path bundled = BundledModels.defaultFor(Language.ENGLISH).orElseThrow().path();
        List<Path> files;
        try (Stream<Path> s = Files.list(bundled)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        for (Path f : files) {
            Files.copy(f, shared.resolve(f.getFileName()));
        }
        String uri = shared.toUri().toString();
        Path local = ExecutorModels.localCopy(uri);
        try {
            checkCopy(uri, local, shared, bundled, files, tmp);
        } finally {
            try (Stream<Path> s = Files.walk(local.getParent())) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void checkCopy(String uri, Path local, Path shared, Path bundled, List<Path> files, Path tmp)
            throws Exception {
        assertEquals("detectgpt-en", local.getFileName().toString());
        assertFalse(local.startsWith(tmp), "copied, not used in place");
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(local.resolve(f.getFileName())), f.toString());
        }
        // a second task of the node finds the copy: a change at the source is not copied again
        Files.writeString(shared.resolve("config.json"), "changed");
        Path again = ExecutorModels.localCopy(uri);
        assertEquals(local, again);
        assertArrayEquals(Files.readAllBytes(bundled.resolve("config.json")), Files.readAllBytes(again.resolve("config.json")));
        assertTrue(new ModelSpec(uri, "ensemble").isUri());
        assertFalse(new ModelSpec(shared.toString(), "ensemble").isUri());
    }

    @Test
    void aMissingModelUriIsOneLineNamingIt(@TempDir Path tmp) {
        String uri = tmp.resolve("nowhere").toUri().toString();
        DetectGptException e = assertThrows(DetectGptException.class, () -> ExecutorModels.localCopy(uri));
        assertTrue(e.getMessage().startsWith(uri + ": cannot copy the model to local disk: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
