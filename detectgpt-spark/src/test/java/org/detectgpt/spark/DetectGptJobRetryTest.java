package org.detectgpt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that dies and is run again by Spark leaves one row per document. */
class DetectGptJobRetryTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        // local[2,3]: two threads, and a failed task is tried up to three times (plain local[2] never retries)
        spark = SparkSession.builder().master("local[2,3]").appName("detectgpt-spark-retry-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            // not the cached file system of an earlier session of this JVM
            .config("spark.hadoop.fs.file.impl", FlakyFileSystem.class.getName())
            .config("spark.hadoop.fs.file.impl.disable.cache", "true")
            .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aRetriedTaskWritesNothingTwice(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<SparkTests.DevText> dev = SparkTests.devTexts();
        // one partition: whatever rows the attempt that died made before the failure must not reach the output
        for (int i = 0; i < 4; i++) {
            Files.writeString(in.resolve("a" + i + ".txt"), dev.get(i).text(), StandardCharsets.UTF_8);
        }
        Files.writeString(in.resolve("fail-once.txt"), dev.get(4).text(), StandardCharsets.UTF_8);
        FlakyFileSystem.FAILED.set(false);

        DetectGptJob.Summary s = DetectGptJob.run(spark, DetectGptJob.Options.parse("--input", in.toString(),
            "--output", tmp.resolve("out").toString(), "--partitions", "1"));

        assertTrue(FlakyFileSystem.FAILED.get(), "the failure was injected");
        assertEquals(5, s.scored());
        List<Row> rows = spark.read().parquet(tmp.resolve("out").resolve("parquet").resolve(s.run()).toString())
            .select("path").orderBy("path").collectAsList();
        assertEquals(List.of("a0.txt", "a1.txt", "a2.txt", "a3.txt", "fail-once.txt"),
            rows.stream().map(r -> r.getString(0)).toList());
        long lines = 0;
        try (var files = Files.walk(tmp.resolve("out").resolve("jsonl"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                lines += Files.readAllLines(f).size();
            }
        }
        assertEquals(5, lines);
    }
}
