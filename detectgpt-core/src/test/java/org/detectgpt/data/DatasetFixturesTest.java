package org.detectgpt.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.detectgpt.DetectGptException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tiny hand-made files under {@code fixtures/datasets/eval/}, one per format. */
class DatasetFixturesTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "fast-detect-gpt-open/validation/tiny.raw_data.json, fast-detect-gpt-open/validation/tiny, 2, 2",
        "hc3-plus/en/validation/tiny.jsonl, hc3-plus/en/validation/tiny, 2, 2",
        "mixset/validation/Mixset_test.json, mixset/validation/Mixset_test, 1, 1"})
    void readsFixture(String relative, String name, int human, int machine)
            throws DetectGptException, URISyntaxException {
        URL url = getClass().getResource("/fixtures/datasets/eval/" + relative);
        assertNotNull(url, relative);
        EvalDataset d = DatasetReader.read(Path.of(url.toURI()));
        assertEquals(name, d.name());
        assertEquals(human, d.humanCount());
        assertEquals(machine, d.machineCount());
    }
}
