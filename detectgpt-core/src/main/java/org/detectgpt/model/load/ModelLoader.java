package org.detectgpt.model.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.ModelInfo;
import org.detectgpt.model.WeightStorage;
import org.detectgpt.model.arch.Checkpoint;
import org.detectgpt.model.arch.FalconModel;
import org.detectgpt.model.arch.Gpt2Model;
import org.detectgpt.model.arch.GptNeoModel;
import org.detectgpt.model.arch.GptNeoxModel;
import org.detectgpt.model.arch.GptjModel;
import org.detectgpt.model.arch.LlamaModel;
import org.detectgpt.model.arch.LlamaSpec;
import org.detectgpt.model.arch.OptModel;
import org.detectgpt.model.io.ModelConfig;
import org.detectgpt.model.io.SafetensorsFile;
import org.detectgpt.model.io.ShardedSafetensors;
import org.detectgpt.model.io.TensorSource;
import org.detectgpt.tokenize.HfTokenizer;
import org.detectgpt.tokenize.Llama2cTokenizer;
import org.detectgpt.tokenize.Tokenizer;

/**
 * Loads a causal language model from disk: the one entry point for every checkpoint, the
 * bundled default models included.
 *
 * <ul>
 *   <li>A <b>Hugging Face model folder</b>: {@code config.json}, {@code tokenizer.json}, and
 *       {@code model.safetensors} or a sharded {@code model.safetensors.index.json}. Supported
 *       {@code model_type}s: {@value #SUPPORTED}.</li>
 *   <li>A <b>llama2.c checkpoint</b> ({@code .bin}) with its {@code tokenizer.bin}: given
 *       explicitly, or found beside the checkpoint as {@code tokenizer.bin} or as the single
 *       {@code tok*.bin} there.</li>
 * </ul>
 *
 * <p>Computation is fp32. Weight matrices are held in fp32, or, with {@link WeightStorage#STORED}
 * ({@code -Ddetectgpt.weights=stored}), in the checkpoint's own BF16/F16 at half the memory.
 * Before reading any weight, the loader estimates from the safetensors headers how much heap and
 * off-heap (ND4J) memory the model needs and refuses one that will not fit, saying how much it
 * needs and how to raise the limits ({@link MemoryBudget}).
 *
 * <pre>{@code
 * CausalLm gpt2 = ModelLoader.load(Path.of("models/gpt2"));
 * CausalLm stories = ModelLoader.load(Path.of("stories260K.bin"), Path.of("tok512.bin"));
 * }</pre>
 */
public final class ModelLoader {
    /** The Hugging Face {@code model_type}s the engine runs. */
    public static final String SUPPORTED = "llama, mistral, qwen2, gpt2, gpt_neo, gptj, gpt_neox, opt, falcon";

    private ModelLoader() {}

    /**
     * @param path a Hugging Face model folder (or its {@code config.json}) or a llama2.c
     *     {@code .bin} checkpoint
     * @return the loaded model
     * @throws ModelFormatException with a one-line message naming the file at fault
     */
    public static CausalLm load(Path path) throws ModelFormatException {
        return load(path, null);
    }

    /**
     * @param path a Hugging Face model folder (or its {@code config.json}) or a llama2.c
     *     {@code .bin} checkpoint
     * @param tokenizer a tokenizer file overriding the one found with the model, or null
     * @return the loaded model
     * @throws ModelFormatException with a one-line message naming the file at fault
     */
    public static CausalLm load(Path path, Path tokenizer) throws ModelFormatException {
        return load(path, tokenizer, WeightStorage.fromSystemProperty());
    }

    /**
     * @param path a Hugging Face model folder (or its {@code config.json}) or a llama2.c
     *     {@code .bin} checkpoint
     * @param tokenizer a tokenizer file overriding the one found with the model, or null
     * @param storage how to hold the weight matrices
     * @return the loaded model
     * @throws ModelFormatException with a one-line message naming the file at fault
     */
    public static CausalLm load(Path path, Path tokenizer, WeightStorage storage) throws ModelFormatException {
        if (!Files.exists(path)) {
            throw new ModelFormatException(path, "no such file or folder");
        }
        if (Files.isDirectory(path)) {
            return loadHf(path, tokenizer, storage);
        }
        if (path.getFileName().toString().equals("config.json")) {
            return loadHf(path.toAbsolutePath().getParent(), tokenizer, storage);
        }
        if (path.getFileName().toString().endsWith(".bin")) {
            return loadLlama2c(path, tokenizer, storage);
        }
        throw new ModelFormatException(path, "is neither a Hugging Face model folder nor a llama2.c .bin checkpoint");
    }

    private static CausalLm loadHf(Path dir, Path tokenizerFile, WeightStorage storage) throws ModelFormatException {
        ModelConfig config = ModelConfig.read(dir.resolve("config.json"));
        String type = config.modelType();
        if (!List.of(SUPPORTED.split(", ")).contains(type)) {
            throw config.error("unsupported model_type '" + type + "' (supported: " + SUPPORTED + ")");
        }
        Path tokPath = tokenizerFile != null ? tokenizerFile : dir.resolve("tokenizer.json");
        if (!Files.exists(tokPath)) {
            throw new ModelFormatException(dir, "missing tokenizer.json");
        }
        Tokenizer tok = HfTokenizer.load(tokPath);
        try (TensorSource src = openWeights(dir)) {
            // refuse a model that cannot fit before gigabytes of weights are read
            MemoryBudget.check(src, config, storage, dir);
            ModelInfo info = new ModelInfo(name(dir), type, dir.toAbsolutePath().toString(), countParameters(src));
            Checkpoint ckpt = new Checkpoint(src, dir, storage);
            CausalLm lm = switch (type) {
                case "gpt2" -> Gpt2Model.load(info, tok, config, ckpt);
                case "gpt_neo" -> GptNeoModel.load(info, tok, config, ckpt);
                case "gptj" -> GptjModel.load(info, tok, config, ckpt);
                case "gpt_neox" -> GptNeoxModel.load(info, tok, config, ckpt);
                case "opt" -> OptModel.load(info, tok, config, ckpt);
                case "falcon" -> FalconModel.load(info, tok, config, ckpt);
                default -> LlamaModel.load(info, tok, LlamaSpec.fromConfig(config), ckpt);
            };
            checkVocab(tokPath, tok, lm);
            return lm;
        }
    }

    private static String name(Path p) {
        Path f = p.toAbsolutePath().normalize().getFileName();
        return f == null ? p.toString() : f.toString();
    }

    private static TensorSource openWeights(Path dir) throws ModelFormatException {
        Path single = dir.resolve("model.safetensors");
        if (Files.exists(single)) {
            return SafetensorsFile.open(single);
        }
        Path index = dir.resolve("model.safetensors.index.json");
        if (Files.exists(index)) {
            return ShardedSafetensors.open(index);
        }
        String hint = Files.exists(dir.resolve("pytorch_model.bin"))
            ? " (pytorch_model.bin is not read: convert it to safetensors)" : "";
        throw new ModelFormatException(dir, "missing model.safetensors or model.safetensors.index.json" + hint);
    }

    /** @return the number of weights: elements of the floating-point tensors (masks and ids skipped) */
    static long countParameters(TensorSource src) throws ModelFormatException {
        long n = 0;
        for (String name : src.names()) {
            if (src.dtype(name).isFloating()) {
                n += elements(src.shape(name));
            }
        }
        return n;
    }

    static long elements(long[] shape) {
        long c = 1;
        for (long d : shape) {
            c *= d;
        }
        return c;
    }

    private static void checkVocab(Path tokPath, Tokenizer tok, CausalLm lm) throws ModelFormatException {
        if (tok.vocabSize() > lm.vocabSize()) {
            throw new ModelFormatException(tokPath, "tokenizer has " + tok.vocabSize()
                + " tokens but the model's embedding has only " + lm.vocabSize() + " rows");
        }
    }

    private static CausalLm loadLlama2c(Path bin, Path tokenizerFile, WeightStorage storage)
            throws ModelFormatException {
        Llama2cCheckpoint.Contents c = Llama2cCheckpoint.read(bin);
        Path tokPath = tokenizerFile != null ? tokenizerFile : findLlama2cTokenizer(bin);
        Tokenizer tok = Llama2cTokenizer.load(tokPath, c.spec().vocab());
        ModelInfo info = new ModelInfo(bin.getFileName().toString(), "llama2c", bin.toAbsolutePath().toString(),
            countParameters(c.tensors()));
        CausalLm lm = LlamaModel.load(info, tok, c.spec(), new Checkpoint(c.tensors(), bin, storage));
        checkVocab(tokPath, tok, lm);
        return lm;
    }

    private static Path findLlama2cTokenizer(Path bin) throws ModelFormatException {
        Path dir = bin.toAbsolutePath().getParent();
        Path standard = dir.resolve("tokenizer.bin");
        if (Files.exists(standard)) {
            return standard;
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> candidates = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("tok") && n.endsWith(".bin") && !p.equals(bin.toAbsolutePath());
            }).toList();
            if (candidates.size() == 1) {
                return candidates.get(0);
            }
        } catch (IOException e) {
            throw new ModelFormatException(dir, "cannot list: " + e.getMessage(), e);
        }
        throw new ModelFormatException(bin, "no tokenizer.bin beside it; give the tokenizer explicitly (--tokenizer)");
    }
}
