package org.detectgpt.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.Detector;
import org.detectgpt.model.CausalLm;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scoring hot path by sequence length and model size (the bundled English model, 5.3 M
 * parameters, and a random 42 M-parameter Llama with a 32k vocabulary): tokenization, the forward
 * pass with the fused per-position statistics, and the one-pass criteria end to end. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar ScoringBenchmark} after
 * {@code mvn -Pbench -DskipTests package}; report tokens/s as length / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ScoringBenchmark {
    /** Sequence length in tokens. */
    @Param({"128", "512", "1024"})
    public int length;

    /** The model: {@code detectgpt-en} or {@code random-llama-42m}. */
    @Param({"detectgpt-en", BenchInputs.RANDOM_42M})
    public String modelName;

    private CausalLm model;
    private Detector likelihood;
    private Detector fastDetectGpt;
    private Detector binoculars;
    private String text;
    private int[] ids;

    /** Loads the model once and builds a text of exactly {@link #length} tokens. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        model = BenchInputs.model(modelName);
        String sentence = "The students read the essay aloud, and the teacher asked what each paragraph tried to say. ";
        int[] all = model.tokenizer().encodeIds(sentence.repeat(1 + 4 * length / 16));
        ids = Arrays.copyOf(all, length);
        text = model.tokenizer().decode(ids);
        likelihood = Detector.builder().setModel(model).setCriterion(Criteria.forName("likelihood")).build();
        fastDetectGpt = Detector.builder().setModel(model).setCriterion(Criteria.forName("fast-detectgpt")).build();
        // two models of this size, as Binoculars' observer and performer are
        binoculars = Detector.builder().setModel(model).optSamplingModel(BenchInputs.model(modelName))
            .setCriterion(Criteria.forName("binoculars")).build();
    }

    /** @return the ids of the text */
    @Benchmark
    public int[] tokenize() {
        return model.tokenizer().encodeIds(text);
    }

    /** @return per-position statistics of {@link #length} tokens (forward pass + fused reduction) */
    @Benchmark
    public TokenStatistics forwardAndStatistics() {
        return TokenScorer.score(model, ids);
    }

    /** @return the likelihood score of the text, end to end */
    @Benchmark
    public double likelihoodCriterion() throws Exception {
        return likelihood.detect(text).score();
    }

    /** @return the Fast-DetectGPT score of the text, end to end */
    @Benchmark
    public double fastDetectGptCriterion() throws Exception {
        return fastDetectGpt.detect(text).score();
    }

    /** @return the Binoculars score of the text (two models of the same size), end to end */
    @Benchmark
    public double binocularsCriterion() throws Exception {
        return binoculars.detect(text).score();
    }
}
