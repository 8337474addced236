package org.detectgpt.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.detectgpt.ModelFormatException;

/**
 * A checkpoint split over several safetensors files by a {@code model.safetensors.index.json}
 * whose {@code "weight_map"} maps each tensor name to the shard holding it. Shard names are
 * resolved inside the index's folder only (a name that escapes it is refused).
 */
public final class ShardedSafetensors implements TensorSource {
    private final Map<String, SafetensorsFile> byTensor;
    private final Map<String, SafetensorsFile> shards;

    private ShardedSafetensors(Map<String, SafetensorsFile> byTensor, Map<String, SafetensorsFile> shards) {
        this.byTensor = byTensor;
        this.shards = shards;
    }

    /**
     * @param index the {@code model.safetensors.index.json}
     * @return the opened shards
     * @throws ModelFormatException if the index or a shard is missing or malformed, or a tensor
     *     listed in the index is absent from its shard
     */
    public static ShardedSafetensors open(Path index) throws ModelFormatException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(index));
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(index, "index is not valid JSON: "
                + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new ModelFormatException(index, "cannot read index: " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.size() == 0) {
            throw new ModelFormatException(index, "has no \"weight_map\" object");
        }
        Path dir = index.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
        try {
            Iterator<Map.Entry<String, JsonNode>> it = map.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String shard = e.getValue().asText("");
                Path p;
                try {
                    p = dir.resolve(shard).normalize();
                } catch (InvalidPathException ex) {
                    p = null;
                }
                if (shard.isEmpty() || p == null || !dir.normalize().equals(p.getParent())) {
                    throw new ModelFormatException(index, "shard name '" + shard + "' is not a file in " + dir);
                }
                SafetensorsFile f = shards.get(shard);
                if (f == null) {
                    f = SafetensorsFile.open(p);
                    shards.put(shard, f);
                }
                if (!f.contains(e.getKey())) {
                    throw new ModelFormatException(p, "lacks tensor '" + e.getKey() + "' that the index places there");
                }
                byTensor.put(e.getKey(), f);
            }
        } catch (ModelFormatException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new ShardedSafetensors(Collections.unmodifiableMap(byTensor), shards);
    }

    @Override
    public Set<String> names() {
        return byTensor.keySet();
    }

    private SafetensorsFile shard(String name) throws ModelFormatException {
        SafetensorsFile f = byTensor.get(name);
        if (f == null) {
            throw new ModelFormatException(shards.values().iterator().next().path().getParent(),
                "no tensor named '" + name + "' in any shard");
        }
        return f;
    }

    @Override
    public long[] shape(String name) throws ModelFormatException {
        return shard(name).shape(name);
    }

    @Override
    public DType dtype(String name) throws ModelFormatException {
        return shard(name).dtype(name);
    }

    @Override
    public float[] floats(String name) throws ModelFormatException {
        return shard(name).floats(name);
    }

    @Override
    public void close() {
        shards.values().forEach(SafetensorsFile::close);
    }
}
