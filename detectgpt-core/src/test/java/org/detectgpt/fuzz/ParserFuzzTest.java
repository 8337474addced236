package org.detectgpt.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests of the core's readers of untrusted files (see {@link Harnesses} for the property;
 * the document extractors have theirs in detectgpt-document, {@code DocumentFuzzTest}).
 *
 * <p>In the default build ({@code mvn verify}) Jazzer runs in regression mode: each test replays
 * its seed corpus in {@code src/test/resources/org/detectgpt/fuzz/ParserFuzzTestInputs/METHOD/}
 * and any crash reproducer saved there — seconds in all. {@code mvn -Pfuzz} fuzzes for real
 * (coverage-guided, libFuzzer), one method per run, for {@code maxDuration}: see
 * {@code benchmarks/fuzz.sh}. A crash found is written to that inputs folder, so once committed
 * it is replayed by every later build.
 */
class ParserFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void safetensors(byte[] data) {
        Harnesses.safetensors(data);
    }

    @FuzzTest(maxDuration = "10m")
    void config(byte[] data) {
        Harnesses.config(data);
    }

    @FuzzTest(maxDuration = "10m")
    void tokenizerJson(byte[] data) {
        Harnesses.tokenizerJson(data);
    }

    @FuzzTest(maxDuration = "10m")
    void llama2cCheckpoint(byte[] data) {
        Harnesses.llama2cCheckpoint(data);
    }

    @FuzzTest(maxDuration = "10m")
    void llama2cTokenizer(byte[] data) {
        Harnesses.llama2cTokenizer(data);
    }

    @FuzzTest(maxDuration = "10m")
    void dataset(byte[] data) {
        Harnesses.dataset(data);
    }
}
