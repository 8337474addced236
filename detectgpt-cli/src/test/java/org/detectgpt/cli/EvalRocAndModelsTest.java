package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRocAndModelsTest {
    @Test
    void evalDrawsRocCurves(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("roc.svg");
        Cli c = Cli.run("eval", "--model", Cli.MODEL, "--criterion", "likelihood,logrank", "--roc", svg,
            Fixtures.path("datasets/eval/hc3-plus/en/validation/tiny.jsonl"));
        assertEquals(0, c.status, c.toString());
        String s = Files.readString(svg);
        assertTrue(s.contains("likelihood (AUROC") && s.contains("logrank (AUROC"), "legend with AUROC");
        Cli bad = Cli.run("eval", "--model", Cli.MODEL, "--roc", dir.resolve("roc.gif"),
            Fixtures.path("datasets/eval/hc3-plus/en/validation/tiny.jsonl"));
        assertEquals(2, bad.status, bad.toString());
    }

    @Test
    void modelsListAndUnknownModels() {
        Cli list = Cli.run("models", "list");
        assertEquals(0, list.status, list.toString());
        assertTrue(list.out.contains("Bundled models:") && list.out.contains("Pulled models in"), list.out);
        Cli missing = Cli.run("score", "--model", "nobody/no-such-model", "Once upon a time.");
        assertEquals(1, missing.status);
        assertTrue(missing.err.contains("detectgpt models pull nobody/no-such-model"), missing.err);
        Cli none = Cli.run("scan", Cli.MODEL);
        assertEquals(2, none.status);
        assertTrue(none.err.contains("--model is required"), none.err);
    }
}
