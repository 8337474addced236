package org.detectgpt.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.detectgpt.ModelFormatException;

/**
 * A Hugging Face {@code config.json}, with typed look-ups that fail as one-line
 * {@link ModelFormatException}s naming the file and the key.
 */
public final class ModelConfig {
    private final Path path;
    private final JsonNode root;

    private ModelConfig(Path path, JsonNode root) {
        this.path = path;
        this.root = root;
    }

    /**
     * @param path the {@code config.json}
     * @return the parsed configuration
     * @throws ModelFormatException if missing, unreadable, not JSON, or not an object
     */
    public static ModelConfig read(Path path) throws ModelFormatException {
        try {
            return of(path, new ObjectMapper().readTree(Files.readAllBytes(path)));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(path, "missing (a Hugging Face model folder needs config.json)");
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(path, "malformed JSON: "
                + e.getOriginalMessage().lines().findFirst().orElse("")
                + " at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ModelFormatException(path, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * @param path where the configuration came from (for messages)
     * @param root its JSON
     * @return the configuration
     * @throws ModelFormatException if root is not an object
     */
    public static ModelConfig of(Path path, JsonNode root) throws ModelFormatException {
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(path, "is not a JSON object");
        }
        return new ModelConfig(path, root);
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return the raw JSON */
    public JsonNode json() {
        return root;
    }

    /** @return {@code model_type} */
    public String modelType() throws ModelFormatException {
        JsonNode n = root.get("model_type");
        if (n == null || !n.isTextual()) {
            throw error("has no \"model_type\"");
        }
        return n.asText();
    }

    /** @return whether the key is present and not null */
    public boolean has(String key) {
        JsonNode n = root.get(key);
        return n != null && !n.isNull();
    }

    /**
     * @param keys alternative names of one setting, first present wins
     * @return its positive integer value
     * @throws ModelFormatException if none is present or the value is not a positive integer
     */
    public int requireInt(String... keys) throws ModelFormatException {
        for (String k : keys) {
            if (has(k)) {
                JsonNode n = root.get(k);
                if (!n.canConvertToInt() || n.asInt() <= 0 || !n.isIntegralNumber()) {
                    throw error("\"" + k + "\" must be a positive integer, not " + n);
                }
                return n.asInt();
            }
        }
        throw error("has no \"" + keys[0] + "\"");
    }

    /** @return the integer at key, or {@code def} when absent or null */
    public int intOr(String key, int def) throws ModelFormatException {
        if (!has(key)) {
            return def;
        }
        JsonNode n = root.get(key);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw error("\"" + key + "\" must be an integer, not " + n);
        }
        return n.asInt();
    }

    /** @return the number at key, or {@code def} when absent or null */
    public double doubleOr(String key, double def) throws ModelFormatException {
        if (!has(key)) {
            return def;
        }
        JsonNode n = root.get(key);
        if (!n.isNumber()) {
            throw error("\"" + key + "\" must be a number, not " + n);
        }
        return n.asDouble();
    }

    /** @return the boolean at key, or {@code def} when absent or null */
    public boolean boolOr(String key, boolean def) throws ModelFormatException {
        if (!has(key)) {
            return def;
        }
        JsonNode n = root.get(key);
        if (!n.isBoolean()) {
            throw error("\"" + key + "\" must be true or false, not " + n);
        }
        return n.asBoolean();
    }

    /** @return the string at key, or {@code def} when absent or null */
    public String stringOr(String key, String def) {
        return has(key) ? root.get(key).asText() : def;
    }

    /** @return an exception naming this file */
    public ModelFormatException error(String problem) {
        return new ModelFormatException(path, problem);
    }
}
