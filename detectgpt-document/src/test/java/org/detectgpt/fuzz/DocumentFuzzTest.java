package org.detectgpt.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.detectgpt.document.DocumentException;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.document.ExtractedText;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The document extractors under Jazzer (regression mode in {@code mvn verify}: the seed corpus in
 * {@code src/test/resources/org/detectgpt/fuzz/DocumentFuzzTestInputs/document/}; real fuzzing
 * with {@code -Pfuzz}, see {@code benchmarks/fuzz.sh}) and under the core's blind mutants
 * ({@link MutationSmokeTest}). The property is the core's {@link Harnesses}': success, or one
 * line of {@link DocumentException}.
 */
class DocumentFuzzTest {
    /** The document formats, chosen by the input's first byte. */
    static final List<String> EXTENSIONS = List.of("txt", "md", "html", "docx", "pdf");

    @FuzzTest(maxDuration = "10m")
    void document(byte[] data) {
        extract(data);
    }

    @TestFactory
    Stream<DynamicTest> extractorsSurviveMutantsOfTheirSeeds() throws Exception {
        return Stream.of(MutationSmokeTest.mutants(
            DocumentFuzzTest.class.getResource("DocumentFuzzTestInputs/document"), "document", DocumentFuzzTest::extract));
    }

    static void extract(byte[] data) {
        if (data.length == 0) {
            return;
        }
        String ext = EXTENSIONS.get((data[0] & 0xFF) % EXTENSIONS.size());
        byte[] content = Arrays.copyOfRange(data, 1, data.length);
        Harnesses.expectOneLine(() -> {
            ExtractedText t = DocumentReader.defaults().withMaxChars(20_000).extract("essay." + ext, content);
            if (t.text().isEmpty() || t.text().length() > 20_000) {
                throw new AssertionError("extracted text breaks the contract: " + t.text().length() + " chars");
            }
        });
    }
}
