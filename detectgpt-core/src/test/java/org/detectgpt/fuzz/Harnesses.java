package org.detectgpt.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.detectgpt.DetectGptException;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.io.SafetensorsFile;
import org.detectgpt.model.load.Llama2cCheckpoint;
import org.detectgpt.tokenize.HfTokenizer;
import org.detectgpt.tokenize.Llama2cTokenizer;

/**
 * One entry point per file reader of the core, shared by the Jazzer fuzz tests and the mutation smoke
 * test; {@link #expectOneLine} and {@link #file} also serve the document module's harness.
 *
 * <p>The property each checks: whatever the bytes, the reader either succeeds or throws its
 * documented one-line exception ({@link DetectGptException} and subclasses) — never another
 * exception (a crash, a stack trace for the user), never a message over several lines.
 */
public final class Harnesses {
    /** The data set formats, chosen by the input's first byte. */
    static final List<String> DATASET_EXTENSIONS = List.of("x.raw_data.json", "x.jsonl", "x.json");

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("detectgpt-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Harnesses() {}

    /** Writes {@code data} under {@code name} in the harness folder (readers take paths). */
    public static Path file(String name, byte[] data) {
        try {
            Path dir = Files.createDirectories(DIR.resolve(Long.toString(Thread.currentThread().getId())));
            return Files.write(dir.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void safetensors(byte[] data) {
        expectOneLine(() -> {
            try (SafetensorsFile f = SafetensorsFile.open(file("model.safetensors", data))) {
                for (String name : f.names()) {
                    f.dtype(name);
                    f.shape(name);
                    // the data offsets were checked against the file, so this reads at most the input's size
                    f.floats(name);
                }
            }
        });
    }

    static void config(byte[] data) {
        expectOneLine(() -> ModelConfig.read(file("config.json", data)));
    }

    static void tokenizerJson(byte[] data) {
        expectOneLine(() -> {
            HfTokenizer t = HfTokenizer.load(file("tokenizer.json", data));
            t.encodeIds("Once upon a time, 你好.");
        });
    }

    static void llama2cCheckpoint(byte[] data) {
        expectOneLine(() -> Llama2cCheckpoint.read(file("model.bin", data)));
    }

    static void llama2cTokenizer(byte[] data) {
        expectOneLine(() -> {
            Llama2cTokenizer t = Llama2cTokenizer.load(file("tokenizer.bin", data));
            t.encodeIds("Once upon a time.");
        });
    }

    static void dataset(byte[] data) {
        if (data.length == 0) {
            return;
        }
        String name = DATASET_EXTENSIONS.get((data[0] & 0xFF) % DATASET_EXTENSIONS.size());
        byte[] content = java.util.Arrays.copyOfRange(data, 1, data.length);
        expectOneLine(() -> {
            EvalDataset d = DatasetReader.read(file(name, content));
            if (d.size() == 0) {
                throw new AssertionError("a data set without texts was accepted");
            }
        });
    }

    /** A reader call that may throw the project's checked exception. */
    public interface Call {
        void run() throws DetectGptException;
    }

    /** Runs {@code c}: success, or a one-line {@link DetectGptException}; anything else propagates and fails. */
    public static void expectOneLine(Call c) {
        try {
            c.run();
        } catch (DetectGptException e) {
            oneLine(e);
        }
    }

    private static void oneLine(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
            throw new AssertionError("not a one-line message: " + m, e);
        }
    }
}
