package org.detectgpt.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.detectgpt.ModelFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Test fixtures on the classpath, and small helpers shared by the tokenizer tests. */
final class Fixtures {
    private Fixtures() {}

    static Path path(String relative) {
        return org.detectgpt.testing.Fixtures.path(relative);
    }

    static JsonNode json(String relative) {
        return org.detectgpt.testing.Fixtures.json(relative);
    }

    static int[] ints(JsonNode array) {
        return org.detectgpt.testing.Fixtures.ints(array);
    }

    /** Asserts that a tokenizer error is one line starting with the file it names. */
    static void assertOneLineNaming(Path file, ModelFormatException e) {
        String message = e.getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(message.startsWith(file.toString() + ": "), message);
        org.junit.jupiter.api.Assertions.assertFalse(message.contains("\n") || message.contains("\r"), message);
    }

    static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asText();
        }
        return out;
    }

    /** A text of many sentences, far more than 600 tokens for any tokenizer here. */
    static String longText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            sb.append("Once upon a time, there was a little girl named Lily number ").append(i)
                    .append(". She loved to play outside in the park.\n");
        }
        return sb.toString();
    }

    /**
     * Runs {@code encode} over {@code texts} from {@code threads} threads at once (all released
     * together), each going {@code rounds} times through all texts, starting at a different one.
     *
     * @return how many results differed from {@code expected} (the single-threaded ids)
     */
    static int concurrentMismatches(int threads, int rounds, List<String> texts,
            List<int[]> expected, Function<String, int[]> encode) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Callable<Integer> task = () -> {
                    start.await();
                    int bad = 0;
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < texts.size(); i++) {
                            int j = (i + offset) % texts.size();
                            if (!Arrays.equals(expected.get(j), encode.apply(texts.get(j)))) {
                                bad++;
                            }
                        }
                    }
                    return bad;
                };
                futures.add(pool.submit(task));
            }
            int bad = 0;
            for (Future<Integer> f : futures) {
                bad += f.get();
            }
            return bad;
        } finally {
            pool.shutdownNow();
        }
    }
}
