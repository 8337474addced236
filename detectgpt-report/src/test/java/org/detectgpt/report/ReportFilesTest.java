package org.detectgpt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.detect.ScoredSentence;
import org.detectgpt.eval.CriterionReport;
import org.detectgpt.metrics.RocCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
    static DocumentReport doc(String path, String sha) {
        return new DocumentReport.Scored(path, sha, "likelihood", Verdict.INCONCLUSIVE, 1.5, Double.NaN, Double.NaN,
            Double.NaN, "en", 200, "m", Optional.empty(), "text", List.of(new ScoredSentence("A \"quoted\", sentence.", 2.0, true, true),
                new ScoredSentence("Another.", Double.NaN, false, false)));
    }

    static final DocumentReport SHORT = new DocumentReport.TooShort("c.md", "cc", "likelihood", "zh", 12, "m",
        "12 characters, under the 50 needed for any score", "markdown",
        List.of(new ScoredSentence("短。", Double.NaN, false, true)));

    @Test
    void jsonlRoundTripAndTornLastLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.jsonl");
        try (JsonlReport w = JsonlReport.open(f, false)) {
            w.write(doc("a.txt", "aa"));
            w.write(new DocumentReport.Failed("b.pdf", Optional.empty(), "likelihood", "not a readable PDF"));
            w.write(SHORT);
        }
        List<DocumentReport> back = JsonlReport.read(f);
        assertEquals(3, back.size());
        assertEquals(SHORT, back.get(2));
        assertEquals(doc("a.txt", "aa"), back.get(0));
        assertEquals(new DocumentReport.Failed("b.pdf", Optional.empty(), "likelihood", "not a readable PDF"),
            back.get(1));
        // a crash in the middle of a line: the torn line is ignored on read and cut on append
        Files.writeString(f, "{\"path\": \"c.txt\", \"verd", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(3, JsonlReport.read(f).size());
        try (JsonlReport w = JsonlReport.open(f, true)) {
            w.write(doc("d.txt", "dd"));
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).startsWith("{\"path\":\"d.txt\""), lines.get(2));
    }

    @Test
    void csvQuotesAndDefusesFormulas(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.csv");
        CsvReport.write(f, List.of(doc("=cmd|x.txt", "aa"), new DocumentReport.Failed("b, c.pdf", Optional.empty(),
            "likelihood", "say \"no\"")));
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals("\uFEFFpath,verdict,probability,score,human_percentile,machine_percentile,language,words,model,"
            + "criterion,reason,sha256", lines.get(0));
        assertEquals("'=cmd|x.txt,inconclusive,,1.5000,,,en,200,m,likelihood,,aa", lines.get(1));
        assertEquals("\"b, c.pdf\",error,,,,,,,,likelihood,\"say \"\"no\"\"\",", lines.get(2));
    }

    @Test
    void rocPlotAsPngAndSvg(@TempDir Path dir) throws Exception {
        double[] h = {0.1, 0.2, 0.3, 0.4};
        double[] m = {0.35, 0.5, 0.6, 0.7};
        List<CriterionReport> reports = List.of(
            new CriterionReport("set-a", "likelihood", "m", h, m, 0, RocCurve.of(h, m)),
            new CriterionReport("set-a", "logrank", "m", m, h, 0, RocCurve.of(m, h)));
        Path png = dir.resolve("roc.png");
        RocPlot.write(png, reports);
        byte[] b = Files.readAllBytes(png);
        assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G');
        Path svg = dir.resolve("roc.svg");
        RocPlot.write(svg, reports);
        String s = Files.readString(svg);
        assertTrue(s.contains("<svg") && s.contains("AUROC 0.938") && s.contains("logrank"), s.substring(0, 200));
    }
}
