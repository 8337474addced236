package org.detectgpt.ensemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.detectgpt.DetectGptException;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.stats.TokenStatistics;

/**
 * The {@code ensemble} criterion: a logistic regression over the {@link Features} of a text under
 * one model, fitted on labelled texts ({@code detectgpt fit-ensemble}). The score is the fitted
 * log-odds that the text is machine-written, so higher means more likely machine.
 *
 * <p>An ensemble is only meaningful with the model it was fitted with; its file records that
 * model's name ({@link #model()}) and what it was fitted on ({@link #fittedOn()}).
 *
 * @param model the name of the model whose statistics it was fitted on
 * @param fittedOn description of the training texts (files, counts)
 * @param regression the fitted regression
 */
public record Ensemble(String model, String fittedOn, LogisticRegression regression) implements Criterion {
    /** The criterion name. */
    public static final String NAME = "ensemble";
    /** The file name an ensemble has inside a model folder. */
    public static final String FILE_NAME = "detectgpt-ensemble.json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(TokenStatistics stats) {
        return regression.logit(Features.of(stats));
    }

    /**
     * @param file an ensemble written by {@link #write}
     * @return it
     * @throws DetectGptException if missing or malformed
     */
    public static Ensemble read(Path file) throws DetectGptException {
        try {
            JsonNode j = new ObjectMapper().readTree(Files.readAllBytes(file));
            List<String> names = new ArrayList<>();
            j.get("features").forEach(n -> names.add(n.asText()));
            if (!names.equals(Features.NAMES)) {
                throw new DetectGptException(file + ": features " + names + " differ from this version's " + Features.NAMES);
            }
            return new Ensemble(j.get("model").asText(), j.path("fitted_on").asText(""),
                new LogisticRegression(doubles(j.get("mean")), doubles(j.get("scale")), doubles(j.get("weights")),
                    j.get("bias").asDouble()));
        } catch (NoSuchFileException e) {
            throw new DetectGptException(file + ": no such file");
        } catch (IOException | NullPointerException e) {
            throw new DetectGptException(file + ": not a detectgpt ensemble file");
        }
    }

    /**
     * @param file where to write the JSON
     * @throws IOException on a write failure
     */
    public void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = json.createObjectNode();
        o.put("criterion", NAME);
        o.put("model", model);
        o.put("fitted_on", fittedOn);
        ArrayNode f = o.putArray("features");
        Features.NAMES.forEach(f::add);
        put(o.putArray("mean"), regression.mean());
        put(o.putArray("scale"), regression.scale());
        put(o.putArray("weights"), regression.weights());
        o.put("bias", regression.bias());
        Files.writeString(file, json.writeValueAsString(o));
    }

    private static void put(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
