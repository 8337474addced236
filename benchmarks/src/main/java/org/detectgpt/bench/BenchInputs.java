package org.detectgpt.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.io.DType;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.models.BundledModels;
import org.detectgpt.train.HfExport;
import org.detectgpt.train.TrainableLlama;

/** What the benchmarks score: the shipped models, a larger random Llama, and a fixed essay. */
final class BenchInputs {
    /** A random Llama of the race's width (32k vocabulary, width 512, 8 layers, FFN 1,408; tied head): 42 M parameters. */
    static final String RANDOM_42M = "random-llama-42m";

    private BenchInputs() {}

    /**
     * @param name a bundled model ({@code detectgpt-en}, {@code detectgpt-zh}) or {@link #RANDOM_42M}
     * @return the loaded model, through the same loader as any checkpoint
     */
    static CausalLm model(String name) throws Exception {
        if (RANDOM_42M.equals(name)) {
            return ModelLoader.load(randomLlama());
        }
        return ModelLoader.load(BundledModels.find(name).orElseThrow(() -> new IllegalArgumentException(name)).path());
    }

    /** Writes (once, under java.io.tmpdir) a seeded random 42 M-parameter Llama in the Hugging Face layout. */
    static synchronized Path randomLlama() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "detectgpt-bench", RANDOM_42M);
        if (!Files.exists(dir.resolve("model.safetensors"))) {
            TrainableLlama m = new TrainableLlama(new TrainableLlama.Shape(32000, 512, 8, 8, 1408, 1024), 20261129L);
            Path tok = BundledModels.find(BundledModels.ENGLISH).orElseThrow().path().resolve("tokenizer.json");
            HfExport.write(m, dir, tok, DType.F32, Map.of("producer", "detectgpt benchmarks", "seed", "20261129"));
        }
        return dir;
    }

    /**
     * @param words how many words
     * @return the two English plain-text samples of {@code examples/} (run from the repository root;
     *     a human WritingPrompts story and a GPT-4o story, provenance in examples/README.md),
     *     joined, whitespace-collapsed, repeated as needed and cut to {@code words} words
     */
    static String essay(int words) {
        List<String> all = new ArrayList<>();
        for (String f : new String[] {"human-story-writingprompts.md", "machine-story-gpt-4o.txt"}) {
            try {
                String t = Files.readString(Path.of("examples", f)).replace("#", " ");
                all.addAll(List.of(t.trim().split("\\s+")));
            } catch (IOException e) {
                throw new UncheckedIOException("run the benchmarks from the repository root (examples/" + f + ")", e);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(all.get(i % all.size()));
        }
        return sb.toString();
    }
}
