package org.detectgpt.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Callers share the cores for the native products: cores / callers each, at least one. */
class EngineThreadsTest {
    @Test
    void eachCallerGetsItsShareOfTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            EngineThreads.share(2);
            assertEquals(Math.max(1, cores / 2), EngineThreads.perCaller());
            EngineThreads.share(cores + 5);
            assertEquals(1, EngineThreads.perCaller(), "never none");
            EngineThreads.share(1);
            assertEquals(cores, EngineThreads.perCaller());
            assertThrows(IllegalArgumentException.class, () -> EngineThreads.share(0));
        } finally {
            EngineThreads.share(1);
        }
    }
}
