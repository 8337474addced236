package org.detectgpt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.detectgpt.model.ModelInfo;

/** JSON output helpers (Jackson). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static ObjectNode model(ModelInfo info) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", info.name());
        n.put("architecture", info.architecture());
        n.put("source", info.source());
        n.put("parameters", info.parameters());
        return n;
    }

    /** Jackson writes NaN as a string; JSON has no NaN, so write null instead. */
    static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
