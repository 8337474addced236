package org.detectgpt.examples.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.detectgpt.detect.DetectionResult;
import org.junit.jupiter.api.Test;

/** Runs the example as 'mvn verify' does: 4 threads give the single-threaded results. */
class ParallelScoringTest {
    @Test
    void fourThreadsGiveTheSingleThreadedResult() throws Exception {
        DetectionResult r = ParallelScoring.scoreInParallel(ParallelScoring.SAMPLE);
        assertEquals("fast-detectgpt", r.criterion());
        assertTrue(Double.isFinite(r.score()), "score " + r.score());
        assertTrue(r.statistics().logprob().length > 20, "tokens scored: " + r.statistics().logprob().length);
    }
}
