package org.detectgpt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.io.DType;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training end to end on a tiny corpus: validation perplexity falls, a resumed run equals an
 * uninterrupted one, and the exported Hugging Face folder scores exactly like the trainer.
 */
class TrainerTest {
    static final Path TOKENIZER = Path.of("../detectgpt-models/src/main/resources/org/detectgpt/models/detectgpt-en/tokenizer.json");

    static Path corpus(Path dir) throws Exception {
        String[] subjects = {"The cat", "A small dog", "My teacher", "The old man", "Every student", "The river"};
        String[] verbs = {"walked to", "looked at", "wrote about", "thought of", "ran past", "sang near"};
        String[] objects = {"the garden.", "a quiet house.", "the long road.", "an open window.", "the school.", "the sea."};
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < 60; p++) {
            for (int s = 0; s < 8; s++) {
                sb.append(subjects[r.nextInt(6)]).append(' ').append(verbs[r.nextInt(6)]).append(' ')
                    .append(objects[r.nextInt(6)]).append(' ');
            }
            sb.append("\n\n");
        }
        Path f = dir.resolve("corpus.txt");
        Files.writeString(f, sb.toString());
        return f;
    }

    static TrainConfig config(Path dir, Path corpus, int steps) {
        return new TrainConfig(TOKENIZER.toAbsolutePath().toString(),
            List.of(new TrainConfig.Source(corpus.toString(), "paragraphs", 1)), dir.resolve("out").toString(),
            32, 2, 2, 64, 16, 4, steps, 0.01, 2, 0.0, 1.0, 11, 5, 4, 3, 0.1, "F32");
    }

    static List<Double> validationLosses(Path out) throws Exception {
        List<Double> v = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("train-log.jsonl"))) {
            JsonNode j = new ObjectMapper().readTree(line);
            if (j.has("val_loss")) {
                v.add(j.get("val_loss").asDouble());
            }
        }
        return v;
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void trainingLowersValidationPerplexity(@TempDir Path dir) throws Exception {
        Path c = corpus(dir);
        new Trainer(config(dir, c, 30), quiet()).run(false);
        List<Double> val = validationLosses(dir.resolve("out"));
        assertEquals(6, val.size(), val.toString());
        assertTrue(val.get(val.size() - 1) < val.get(0) - 1.0, "validation loss " + val);
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        Path c = corpus(dir);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createDirectories(a);
        Files.createDirectories(b);
        new Trainer(config(a, c, 9), quiet()).run(false);
        new Trainer(config(b, c, 9), quiet()).run(false, 5);
        new Trainer(config(b, c, 9), quiet()).run(true);
        assertArrayEquals(Files.readAllBytes(a.resolve("out/model/model.safetensors")),
            Files.readAllBytes(b.resolve("out/model/model.safetensors")));
    }

    @Test
    void exportedModelScoresLikeTheTrainer(@TempDir Path dir) throws Exception {
        TrainableLlama.Shape shape = new TrainableLlama.Shape(8257, 32, 2, 2, 64, 24);
        TrainableLlama model = new TrainableLlama(shape, 5);
        HfExport.write(model, dir.resolve("m"), TOKENIZER, DType.F32, java.util.Map.of());
        CausalLm lm = ModelLoader.load(dir.resolve("m"));
        assertEquals("llama", lm.info().architecture());
        int[] ids = lm.tokenizer().encodeIds("The quick brown fox jumps over the lazy dog while the teacher reads an essay aloud to the class today.");
        assertTrue(ids.length > shape.context());
        int[] seq = java.util.Arrays.copyOf(ids, shape.context() + 1);
        TokenStatistics s = TokenScorer.score(lm, java.util.Arrays.copyOf(seq, shape.context()));
        double[] mine = model.logprobs(java.util.Arrays.copyOf(seq, shape.context()),
            java.util.Arrays.copyOfRange(seq, 1, shape.context() + 1));
        // the engine scores the first context − 1 positions in one window, exactly as the trainer
        assertArrayEquals(java.util.Arrays.copyOf(mine, shape.context() - 1), s.logprob(), 1e-4);
    }
}
