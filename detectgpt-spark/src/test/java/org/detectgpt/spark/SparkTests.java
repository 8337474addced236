package org.detectgpt.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** The tests' small local Spark: one per test class (a session costs seconds), and the fixtures. */
final class SparkTests {
    private SparkTests() {}

    /** @return a local[2] session with no UI and two shuffle partitions: small data, fast tests */
    static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("detectgpt-spark-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    }

    /** One development text of the fixture. */
    record DevText(String text, int label, String generator, boolean chinese) {}

    /** @return the development texts of {@code fixtures/dev-texts.jsonl} */
    static List<DevText> devTexts() {
        try {
            Path p = Path.of(SparkTests.class.getResource("/fixtures/dev-texts.jsonl").toURI());
            ObjectMapper m = new ObjectMapper();
            List<DevText> out = new ArrayList<>();
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                JsonNode o = m.readTree(line);
                out.add(new DevText(o.get("text").asText(), o.get("label").asInt(), o.get("generator").asText(),
                    o.get("file").asText().contains("-zh")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
