package org.detectgpt.ensemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.detectgpt.DetectGptException;
import org.detectgpt.criterion.LearnedCriterion;
import org.detectgpt.stats.TokenStatistics;

/**
 * The {@code ensemble} criterion: a supervised {@link TextHead} over the text's distorted
 * n-grams, style, a machine/human bigram likelihood ratio and (optionally) the scoring model's
 * per-text statistics, fitted on labelled texts by {@link HeadFitter} ({@code detectgpt
 * fit-ensemble}). The score is the fused log-odds that the text is machine-written (higher =
 * more likely machine); its calibration into verdicts is separate.
 *
 * <p>Files: {@value #FILE_NAME} (JSON: provenance, the protocol's choices and held-out AUROCs)
 * beside {@value #HEAD_FILE_NAME} (the fitted head, gzip'd binary). A head that uses the scoring
 * model's statistics is only meaningful with the model it was fitted with ({@link #model()}).
 *
 * @param model the name of the model whose statistics it was fitted on, or {@code none}
 * @param fittedOn description of the training texts
 * @param language the language code it was fitted for ({@code en}, {@code zh})
 * @param head the fitted head
 * @param provenance further facts recorded at fitting time (λ, held-out AUROCs), as JSON text
 */
public record Ensemble(String model, String fittedOn, String language, TextHead head, String provenance)
        implements LearnedCriterion {
    /** The criterion name. */
    public static final String NAME = "ensemble";
    /** The file name an ensemble has inside a model folder. */
    public static final String FILE_NAME = "detectgpt-ensemble.json";
    /** The file name of its head, beside it. */
    public static final String HEAD_FILE_NAME = "detectgpt-ensemble.head";
    /** The model name of a head that reads no model statistics. */
    public static final String NO_MODEL = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(String text, TokenStatistics stats) {
        return head.score(text, stats);
    }

    @Override
    public boolean needsStatistics() {
        return head.usesModelStatistics();
    }

    /** @return true when the head reads an aligned pair: the sampling model must be its human side */
    @Override
    public boolean usesSamplingModel() {
        return head.modelBlock() == TextHead.ModelBlock.PAIR;
    }

    /** @return true when the head reads an aligned pair: its features need both sides */
    @Override
    public boolean requiresSamplingModel() {
        return usesSamplingModel();
    }

    /**
     * @return for a head over an aligned pair, its human-side model as fitted ({@link #model()}
     *     is {@code machine+human}): what scoring loads as the sampling model when none is named
     */
    public java.util.Optional<String> pairedModel() {
        int plus = model.lastIndexOf('+');
        return usesSamplingModel() && plus > 0 && plus < model.length() - 1
            ? java.util.Optional.of(model.substring(plus + 1)) : java.util.Optional.empty();
    }

    /**
     * @param file an ensemble written by {@link #write}
     * @return it
     * @throws DetectGptException if missing or malformed
     */
    public static Ensemble read(Path file) throws DetectGptException {
        try {
            JsonNode j = new ObjectMapper().readTree(Files.readAllBytes(file));
            if (j.path("version").asInt(1) != 2) {
                throw new DetectGptException(file + ": an ensemble of an earlier detectgpt (logistic regression over "
                    + "model statistics only); fit it again with 'detectgpt fit-ensemble'");
            }
            Path headFile = file.resolveSibling(j.path("head").asText(HEAD_FILE_NAME));
            TextHead head;
            try (InputStream in = Files.newInputStream(headFile)) {
                head = TextHead.read(in);
            } catch (NoSuchFileException e) {
                throw new DetectGptException(headFile + ": no such file (the head of " + file.getFileName() + ")");
            } catch (IOException | IllegalArgumentException e) {
                throw new DetectGptException(headFile + ": not a detectgpt ensemble head: " + e.getMessage());
            }
            return new Ensemble(j.get("model").asText(), j.path("fitted_on").asText(""), j.path("language").asText("en"),
                head, j.path("provenance").toString());
        } catch (NoSuchFileException e) {
            throw new DetectGptException(file + ": no such file");
        } catch (IOException | NullPointerException e) {
            throw new DetectGptException(file + ": not a detectgpt ensemble file");
        }
    }

    /**
     * Writes {@code file} and the head beside it ({@value #HEAD_FILE_NAME} with the JSON's
     * name stem when that differs).
     *
     * @param file where to write the JSON
     * @param facts extra provenance (numbers and strings) to record
     * @throws IOException on a write failure
     */
    public void write(Path file, Map<String, Object> facts) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String name = file.getFileName().toString();
        String headName = name.equals(FILE_NAME) ? HEAD_FILE_NAME
            : (name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".head";
        ObjectNode o = json.createObjectNode();
        o.put("criterion", NAME);
        o.put("version", 2);
        o.put("model", model);
        o.put("language", language);
        o.put("fitted_on", fittedOn);
        o.put("head", headName);
        o.set("provenance", json.valueToTree(facts));
        Path tmp = file.resolveSibling(headName + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            head.write(out);
        }
        Files.move(tmp, file.resolveSibling(headName), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(file, json.writeValueAsString(o));
    }
}
