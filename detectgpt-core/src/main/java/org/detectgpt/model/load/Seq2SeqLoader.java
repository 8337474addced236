package org.detectgpt.model.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.arch.T5Model;
import org.detectgpt.model.arch.T5Spec;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.io.SafetensorsFile;
import org.detectgpt.model.io.ShardedSafetensors;
import org.detectgpt.model.io.TensorSource;
import org.detectgpt.tokenize.HfTokenizer;
import org.detectgpt.tokenize.Tokenizer;

/**
 * Loads an encoder–decoder (mask-filling) model from a Hugging Face folder: {@code config.json}
 * with {@code model_type} {@value #SUPPORTED}, {@code tokenizer.json}, and {@code model.safetensors}
 * or a sharded {@code model.safetensors.index.json} — e.g. {@code t5-large}, {@code t5-3b},
 * {@code google/t5-v1_1-large}, {@code google/flan-t5-xl} downloaded with {@code huggingface-cli}.
 *
 * <pre>{@code
 * T5Model t5 = Seq2SeqLoader.load(Path.of("models/t5-large"));
 * }</pre>
 */
public final class Seq2SeqLoader {
    /** The {@code model_type}s read. */
    public static final String SUPPORTED = "t5, mt5";

    private Seq2SeqLoader() {}

    /**
     * @param path the model folder, or its {@code config.json}
     * @return the model
     * @throws ModelFormatException with a one-line message naming the file at fault
     */
    public static T5Model load(Path path) throws ModelFormatException {
        if (!Files.exists(path)) {
            throw new ModelFormatException(path, "no such file or folder");
        }
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        ModelConfig config = ModelConfig.read(dir.resolve("config.json"));
        String type = config.modelType();
        if (!List.of(SUPPORTED.split(", ")).contains(type)) {
            throw config.error("model_type '" + type + "' is not a mask-filling encoder-decoder (supported: "
                + SUPPORTED + ")");
        }
        Path tokPath = dir.resolve("tokenizer.json");
        if (!Files.exists(tokPath)) {
            throw new ModelFormatException(dir, "missing tokenizer.json"
                + (Files.exists(dir.resolve("spiece.model")) ? " (only spiece.model: save the fast tokenizer)" : ""));
        }
        Tokenizer tok = HfTokenizer.load(tokPath);
        T5Spec spec = T5Spec.fromConfig(config);
        if (tok.vocabSize() > spec.vocab()) {
            throw new ModelFormatException(tokPath, "tokenizer has " + tok.vocabSize()
                + " tokens but the model's embedding has only " + spec.vocab() + " rows");
        }
        Path weights = weightsFile(dir);
        try (TensorSource src = weights.getFileName().toString().endsWith(".index.json")
                ? ShardedSafetensors.open(weights) : SafetensorsFile.open(weights)) {
            long params = 0;
            for (String name : src.names()) {
                params += java.util.Arrays.stream(src.shape(name)).reduce(1, (a, b) -> a * b);
            }
            Path abs = dir.toAbsolutePath().normalize();
            String name = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
            return T5Model.load(new ModelInfo(name, type, abs.toString(), params), tok, spec, src, weights);
        }
    }

    /** @return the single weights file or the shard index, which tensor errors then name */
    private static Path weightsFile(Path dir) throws ModelFormatException {
        for (String name : List.of("model.safetensors", "model.safetensors.index.json")) {
            if (Files.exists(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new ModelFormatException(dir, "missing model.safetensors or model.safetensors.index.json"
            + (Files.exists(dir.resolve("pytorch_model.bin")) ? " (convert pytorch_model.bin to safetensors)" : ""));
    }
}
