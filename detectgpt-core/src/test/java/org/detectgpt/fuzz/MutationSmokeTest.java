package org.detectgpt.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A few seconds of blind mutation in every build: Jazzer fuzzes one method per JVM, so the default
 * build also runs each harness on a fixed number of mutants of its seeds (bit flips, byte
 * overwrites with boundary values, truncation, cut and duplicated ranges). Seeded, so a failure
 * reproduces; the failing mutant is named by its seed file and index.
 */
public class MutationSmokeTest {
    /** Mutants per seed file: about a second per reader on one core. */
    public static final int MUTANTS = 150;

    @TestFactory
    Stream<DynamicTest> everyReaderSurvivesMutantsOfItsSeeds() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        add(tests, "safetensors", Harnesses::safetensors);
        add(tests, "config", Harnesses::config);
        add(tests, "tokenizerJson", Harnesses::tokenizerJson);
        add(tests, "llama2cCheckpoint", Harnesses::llama2cCheckpoint);
        add(tests, "llama2cTokenizer", Harnesses::llama2cTokenizer);
        add(tests, "dataset", Harnesses::dataset);
        return tests.stream();
    }

    private static void add(List<DynamicTest> tests, String method, Consumer<byte[]> harness) throws Exception {
        tests.add(mutants(MutationSmokeTest.class.getResource("ParserFuzzTestInputs/" + method), method, harness));
    }

    /**
     * @param inputs the seed folder of {@code method} (a Jazzer inputs folder), null if missing
     * @param method the fuzz method, for messages
     * @param harness the reader's harness
     * @return a test running {@code harness} on each seed and {@link #MUTANTS} mutants of it
     */
    public static DynamicTest mutants(java.net.URL inputs, String method, Consumer<byte[]> harness) throws Exception {
        List<Path> seeds = seeds(inputs);
        assertFalse(seeds.isEmpty(), "seed corpus of " + method);
        return DynamicTest.dynamicTest(method, () -> {
            for (Path seed : seeds) {
                byte[] original = Files.readAllBytes(seed);
                harness.accept(original);
                Random r = new Random(seed.getFileName().toString().hashCode());
                for (int i = 0; i < MUTANTS; i++) {
                    byte[] m = mutate(original, r);
                    try {
                        harness.accept(m);
                    } catch (Throwable t) {
                        fail(method + ": mutant " + i + " of seed " + seed.getFileName() + " (" + m.length
                            + " bytes): " + t, t);
                    }
                }
            }
        });
    }

    static List<Path> seeds(java.net.URL url) throws IOException, URISyntaxException {
        if (url == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static final int[] BOUNDARY = {0, 1, 0x7F, 0x80, 0xFF, '"', '{', '}', '[', ']', ',', ':', '<', '>', '-'};

    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.length == 0 ? new byte[] {0} : in.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) BOUNDARY[r.nextInt(BOUNDARY.length)];
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(16));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                case 4 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
                default -> {
                    // a little-endian int written over the bytes: header lengths and counts
                    int v = switch (r.nextInt(4)) {
                        case 0 -> -1;
                        case 1 -> Integer.MAX_VALUE;
                        case 2 -> 0;
                        default -> r.nextInt(1 << 16);
                    };
                    for (int k = 0; k < 4 && at + k < b.length; k++) {
                        b[at + k] = (byte) (v >>> (8 * k));
                    }
                }
            }
        }
        return b;
    }
}
