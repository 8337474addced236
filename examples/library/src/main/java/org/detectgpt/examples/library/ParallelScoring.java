package org.detectgpt.examples.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.detectgpt.detect.DetectionResult;
import org.detectgpt.detect.Detector;
import org.detectgpt.language.Language;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.model.nn.EngineThreads;
import org.detectgpt.models.BundledModels;

/**
 * What a library user writes: one {@link Detector} (immutable, thread-safe) on the bundled English
 * model, shared by 4 threads. Each thread's results must equal the single-threaded one, score and
 * per-token log-probabilities alike.
 *
 * <pre>java -cp ... org.detectgpt.examples.library.ParallelScoring [TEXT_FILE]</pre>
 */
public final class ParallelScoring {
    /** Threads scoring at once. */
    public static final int THREADS = 4;
    /** Texts each thread scores. */
    public static final int ROUNDS = 3;

    private ParallelScoring() {}

    /**
     * Scores {@code text} once, then {@link #ROUNDS} times on each of {@link #THREADS} threads.
     *
     * @param text an English text of a few sentences
     * @return the single-threaded result, after every threaded one was found equal to it
     * @throws IllegalStateException naming the first result that differs
     */
    public static DetectionResult scoreInParallel(String text) throws Exception {
        Path folder = BundledModels.defaultFor(Language.ENGLISH)
            .orElseThrow(() -> new IllegalStateException("detectgpt-models is not on the class path"))
            .path();
        CausalLm model = ModelLoader.load(folder);
        Detector detector = Detector.builder().setModel(model).setCriterion("fast-detectgpt").build();
        // each product spreads over every core: 4 callers at once share them rather than oversubscribe
        // (set first: how many threads split a product changes its float rounding, ~1e-7)
        EngineThreads.share(THREADS);
        DetectionResult single = detector.detect(text);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<DetectionResult>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS * ROUNDS; i++) {
                futures.add(pool.submit(() -> detector.detect(text)));
            }
            for (int i = 0; i < futures.size(); i++) {
                DetectionResult r = futures.get(i).get();
                if (Double.compare(r.score(), single.score()) != 0
                        || !Arrays.equals(r.statistics().logprob(), single.statistics().logprob())) {
                    throw new IllegalStateException("result " + i + " differs from the single-threaded one: "
                        + r.score() + " vs " + single.score());
                }
            }
        } finally {
            pool.shutdown();
        }
        return single;
    }

    /** @param args an optional text file (default: a built-in paragraph) */
    public static void main(String[] args) throws Exception {
        String text = args.length > 0 ? Files.readString(Path.of(args[0])) : SAMPLE;
        DetectionResult r = scoreInParallel(text);
        System.out.printf("%s on %s: %.4f, equal on %d threads x %d texts%n",
            r.criterion(), r.model().name(), r.score(), THREADS, ROUNDS);
    }

    /** A short paragraph to score when no file is given. */
    static final String SAMPLE = "The library was quiet in the early morning. A few students sat near the windows, "
        + "reading and taking notes, while the librarian sorted the returned books onto a cart. Outside, the "
        + "first buses of the day pulled up to the stop, and the city slowly began to wake.";
}
