package org.detectgpt.bench;

import java.util.concurrent.TimeUnit;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.Detector;
import org.detectgpt.model.CausalLm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each one-pass criterion end to end (whitespace collapse, tokenization, windows, forward pass,
 * statistics, score) on the shipped English model for a 500-word essay, one thread: documents per
 * second is 1 / (seconds per operation). Binoculars gets a second copy of the model as its
 * performer; {@code ensemble} is the model's fitted logistic regression over all features.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class CriterionBenchmark {
    /** The criterion, by its CLI name. */
    @Param({"likelihood", "logrank", "lrr", "gltr", "fast-detectgpt", "binoculars", "ensemble"})
    public String criterion;

    private Detector detector;
    private String essay;

    /** Loads the shipped model and the essay. */
    @Setup
    public void setUp() throws Exception {
        CausalLm model = BenchInputs.model("detectgpt-en");
        Detector.Builder b = Detector.builder().setModel(model)
            .setCriterion(Criteria.forName(criterion, model));
        if (criterion.equals("binoculars")) {
            b.optSamplingModel(BenchInputs.model("detectgpt-en"));
        }
        detector = b.build();
        essay = BenchInputs.essay(500);
    }

    /** @return the score of a 500-word essay */
    @Benchmark
    public double essay500Words() throws Exception {
        return detector.detect(essay).score();
    }
}
