package org.detectgpt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.document.ExtractedText;
import org.detectgpt.testing.TestDocuments;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Document extraction (bytes already in memory → text) for each format a teacher hands in: the
 * sample files of {@code examples/} and a one-page PDF of the sample essay made at setup by the core
 * tests' {@link TestDocuments}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ExtractionBenchmark {
    /** The document: a file of {@code examples/}, or {@code essay.pdf} (made at setup). */
    @Param({"machine-story-gpt-4o.txt", "human-story-writingprompts.md", "human-wikipedia-squad.html", "machine-essay-claude-3-opus.docx", "essay.pdf"})
    public String file;

    private final DocumentReader reader = DocumentReader.defaults();
    private byte[] bytes;

    /** Reads (or makes) the document's bytes. */
    @Setup
    public void setUp() throws Exception {
        bytes = file.equals("essay.pdf") ? TestDocuments.pdf(List.of(BenchInputs.essay(500)))
            : Files.readAllBytes(Path.of("examples", file));
    }

    /** @return the extracted text */
    @Benchmark
    public ExtractedText extract() throws Exception {
        return reader.extract(file, bytes);
    }
}
