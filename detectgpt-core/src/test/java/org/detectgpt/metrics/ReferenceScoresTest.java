package org.detectgpt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.detectgpt.metrics.RocCurve.Point;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AUROC against the Fast-DetectGPT authors' own results (GPT-2-XL on XSum; MIT licence, see
 * {@code fixtures/reference-scores/LICENSE}). Their code calls scikit-learn's
 * {@code roc_curve([0] * n + [1] * n, original_crit + sampled_crit)} and {@code auc}; the fixture
 * keeps {@code raw_results[{original_crit, sampled_crit}]} and {@code metrics{roc_auc, fpr, tpr}}.
 */
class ReferenceScoresTest {
    /** The task's tolerance; the agreement is in fact at rounding level. */
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xsum_gpt2-xl.likelihood.json", "xsum_gpt2-xl.npr.json",
        "xsum_gpt2-xl.sampling_discrepancy.json"})
    void aurocMatchesTheAuthors(String file) throws IOException {
        JsonNode root = load(file);
        JsonNode raw = root.get("raw_results");
        double[] human = new double[raw.size()];
        double[] machine = new double[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            human[i] = crit(raw.get(i), "original_crit", i);
            machine[i] = crit(raw.get(i), "sampled_crit", i);
        }
        RocCurve roc = RocCurve.of(human, machine);
        assertEquals(root.get("metrics").get("roc_auc").asDouble(), roc.auroc(), TOLERANCE);

        // scikit-learn drops collinear points (drop_intermediate=True): each of its points is one
        // of ours
        JsonNode fpr = root.get("metrics").get("fpr");
        JsonNode tpr = root.get("metrics").get("tpr");
        List<Point> points = roc.points();
        for (int k = 0; k < fpr.size(); k++) {
            double f = fpr.get(k).asDouble();
            double t = tpr.get(k).asDouble();
            assertTrue(points.stream().anyMatch(
                p -> Math.abs(p.fpr() - f) < 1e-9 && Math.abs(p.tpr() - t) < 1e-9),
                "sklearn point (" + f + ", " + t + ") missing");
        }
    }

    /** A crit as their JSON stores it: a number, or a numeric string; None/NaN would be fatal. */
    private static double crit(JsonNode result, String field, int index) {
        JsonNode v = result.get(field);
        if (v == null || v.isNull()) {
            fail(field + " of raw_results[" + index + "] is missing");
        }
        double d = v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
        if (Double.isNaN(d)) {
            fail(field + " of raw_results[" + index + "] is NaN");
        }
        return d;
    }

    private static JsonNode load(String file) throws IOException {
        try (InputStream in = ReferenceScoresTest.class.getResourceAsStream(
                "/fixtures/reference-scores/" + file)) {
            assertNotNull(in, "missing fixture " + file);
            return new ObjectMapper().readTree(in);
        }
    }
}
