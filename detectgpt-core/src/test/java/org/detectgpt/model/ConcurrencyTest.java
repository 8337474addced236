package org.detectgpt.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.DetectionResult;
import org.detectgpt.detect.Detector;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One loaded model shared by {@value #THREADS} threads, each scoring its own text (tokenizer,
 * forward pass, statistics, criterion) {@value #ROUNDS} times at once with the others, gives
 * bit-for-bit the results of single-threaded scoring ({@link CausalLm} promises that
 * implementations allocate their working memory per call).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConcurrencyTest {
    static final int THREADS = 4;
    static final int ROUNDS = 20;

    static final String[] TEXTS = {
        "Once upon a time, there was a little girl named Lily. She loved to play outside in the park.",
        "Tom had a big red ball. He threw the ball to his dog, and the dog ran fast to get it back.",
        "The sun was hot and the sky was blue. Mom said they could go to the beach and swim all day. "
            + "Ben was so happy that he jumped up and down. They packed a bag with toys, a towel and "
            + "some apples, and then they walked to the sea. The water was cold but Ben did not mind. "
            + "He splashed and laughed, and Mom laughed too. At the end of the day they were tired.",
        "One day, a small bird could not fly. A kind boy found it and gave it water. Soon the bird "
            + "was strong again and flew up into the tree, singing a happy song.",
    };

    private record Outcome(int[] ids, TokenStatistics stats, double score) {}

    private static Outcome score(Detector d, String text) throws Exception {
        int[] ids = d.model().tokenizer().encodeIds(text);
        TokenStatistics s = TokenScorer.score(d.model(), ids);
        DetectionResult r = d.detect(text);
        return new Outcome(ids, s, r.score());
    }

    private static void assertSame(Outcome want, Outcome got, String what) {
        assertArrayEquals(want.ids(), got.ids(), what + " ids");
        assertArrayEquals(want.stats().logprob(), got.stats().logprob(), 0.0, what + " logprob");
        assertArrayEquals(want.stats().rank(), got.stats().rank(), what + " rank");
        assertArrayEquals(want.stats().entropy(), got.stats().entropy(), 0.0, what + " entropy");
        assertArrayEquals(want.stats().expectedLogprob(), got.stats().expectedLogprob(), 0.0, what + " mu");
        assertArrayEquals(want.stats().varianceLogprob(), got.stats().varianceLogprob(), 0.0, what + " variance");
        assertEquals(Double.doubleToLongBits(want.score()), Double.doubleToLongBits(got.score()), what + " score");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hf-tiny/qwen2-tiny", "stories260K/stories260K.bin"})
    void sharedModelScoresIdenticallyFromSeveralThreads(String model) throws Exception {
        Path path = Fixtures.path(model);
        CausalLm lm = ModelLoader.load(path);
        Detector detector = Detector.builder().setModel(lm).setCriterion(Criteria.forName("logrank")).build();
        Outcome[] reference = new Outcome[TEXTS.length];
        for (int i = 0; i < TEXTS.length; i++) {
            reference[i] = score(detector, TEXTS[i]);
        }
        // the long text exceeds qwen2-tiny's context, so windows are exercised concurrently too
        if (lm.contextLength() == 128) {
            assertTrue(reference[2].ids().length > 128, "text 2 should need several windows");
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier barrier = new CyclicBarrier(THREADS);
            List<Future<List<Outcome>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int text = t % TEXTS.length;
                futures.add(pool.submit(() -> {
                    List<Outcome> out = new ArrayList<>();
                    for (int r = 0; r < ROUNDS; r++) {
                        barrier.await(60, TimeUnit.SECONDS); // start every round together
                        out.add(score(detector, TEXTS[text]));
                    }
                    return out;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                List<Outcome> got = futures.get(t).get(240, TimeUnit.SECONDS);
                assertEquals(ROUNDS, got.size());
                for (int r = 0; r < ROUNDS; r++) {
                    assertSame(reference[t % TEXTS.length], got.get(r), model + " thread " + t + " round " + r);
                }
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
