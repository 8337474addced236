package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan stopped part-way (and torn mid-line, as a crash would), then resumed: every document exactly once. */
class ResumeTest {
    @Test
    void resumeYieldsEveryDocumentExactlyOnce(@TempDir Path dir) throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        for (int i = 0; i < 6; i++) {
            Files.writeString(docs.resolve("s" + i + ".txt"), TestDocuments.story(40 + i, 155));
        }
        Files.write(docs.resolve("bad.pdf"), new byte[] {1, 2, 3});
        Path jsonl = dir.resolve("scan.jsonl");
        Cli first = Cli.run("scan", "--model", Cli.MODEL, "--criterion", "likelihood", "--jsonl", jsonl,
            "--threads", "2", "--max-documents", "3", docs);
        assertTrue(first.err.contains("4 left: run the same command with --resume"), first.toString());
        assertEquals(3, Files.readAllLines(jsonl).size());
        // a crash in the middle of the next write leaves a torn line
        Files.writeString(jsonl, "{\"path\":\"" + docs.resolve("s5.txt") + "\",\"sha2", StandardOpenOption.APPEND);

        Cli second = Cli.run("scan", "--model", Cli.MODEL, "--criterion", "likelihood", "--jsonl", jsonl,
            "--resume", "--threads", "2", "--csv", dir.resolve("all.csv"), docs);
        assertEquals(3, second.status, second.toString());
        assertTrue(second.err.contains("3 documents already in"), second.err);

        ObjectMapper json = new ObjectMapper();
        List<String> paths = new ArrayList<>();
        Set<String> hashes = new HashSet<>();
        for (String line : Files.readAllLines(jsonl)) {
            var o = json.readTree(line);
            paths.add(o.get("path").asText());
            hashes.add(o.get("sha256").asText());
        }
        assertEquals(7, paths.size(), paths.toString());
        assertEquals(7, new HashSet<>(paths).size(), "no document twice: " + paths);
        assertEquals(7, hashes.size());
        assertEquals(8, Files.readAllLines(dir.resolve("all.csv")).size(), "the CSV holds both runs");

        Cli third = Cli.run("scan", "--model", Cli.MODEL, "--criterion", "likelihood", "--jsonl", jsonl,
            "--resume", docs);
        assertEquals(7, Files.readAllLines(jsonl).size(), "nothing left to do: " + third);
    }
}
