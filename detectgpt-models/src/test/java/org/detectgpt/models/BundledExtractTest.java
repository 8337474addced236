package org.detectgpt.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundled model unpacks even when the cache folder cannot be written, and says so plainly when nothing can. */
class BundledExtractTest {
    static URI jar(Path dir) throws IOException {
        return jar(dir, "models.jar", new byte[16]);
    }

    static URI jar(Path dir, String file, byte[] weights) throws IOException {
        Path jar = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("org/detectgpt/models/tiny/config.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("org/detectgpt/models/tiny/model.safetensors"));
            zip.write(weights);
        }
        return URI.create("jar:" + jar.toUri() + "!/org/detectgpt/models/tiny/config.json");
    }

    /** New weights of the same size (a retrained model) must not be served from the old cache. */
    @Test
    void sameSizeNewWeightsUnpackAfresh(@TempDir Path dir) throws Exception {
        byte[] retrained = new byte[16];
        retrained[3] = 7;
        Path cache = dir.resolve("cache");
        Path old = BundledModels.extract("tiny", jar(dir), List.of(cache));
        Path fresh = BundledModels.extract("tiny", jar(dir, "models-2.jar", retrained), List.of(cache));
        assertTrue(!old.equals(fresh), old + " reused for new weights");
        assertEquals(7, Files.readAllBytes(fresh.resolve("model.safetensors"))[3]);
        assertEquals(0, Files.readAllBytes(old.resolve("model.safetensors"))[3]);
        // the same release again: the same folder, already complete
        assertEquals(old, BundledModels.extract("tiny", jar(dir, "models-3.jar", new byte[16]), List.of(cache)));
    }

    @Test
    void anUnwritableCacheFallsBackToTheNextFolder(@TempDir Path dir) throws Exception {
        URI uri = jar(dir);
        // a plain file where the cache folder should be: it cannot be written, even by root
        Path blocked = Files.writeString(dir.resolve("cache"), "not a folder");
        Path dst = BundledModels.extract("tiny", uri, List.of(blocked.resolve("bundled"), dir.resolve("tmp")));
        assertTrue(dst.startsWith(dir.resolve("tmp")), dst.toString());
        assertEquals("{}", Files.readString(dst.resolve("config.json")));
        assertTrue(Files.exists(dst.resolve(".complete")));
    }

    @Test
    void noWritableFolderIsOneClearLine(@TempDir Path dir) throws Exception {
        URI uri = jar(dir);
        Path blocked = Files.writeString(dir.resolve("cache"), "not a folder");
        IOException e = assertThrows(IOException.class,
            () -> BundledModels.extract("tiny", uri, List.of(blocked.resolve("a"), blocked.resolve("b"))));
        assertTrue(e.getMessage().startsWith("no folder to unpack it into: " + blocked.resolve("a")), e.getMessage());
        assertTrue(e.getMessage().endsWith("set XDG_CACHE_HOME to a writable folder"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
