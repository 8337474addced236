package org.detectgpt.bench;

import java.util.concurrent.TimeUnit;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.Detector;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.Seq2SeqLoader;
import org.detectgpt.perturb.CausalFiller;
import org.detectgpt.perturb.MaskFiller;
import org.detectgpt.perturb.PerturbationConfig;
import org.detectgpt.perturb.T5Filler;
import org.detectgpt.testing.Fixtures;
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
 * DetectGPT end to end on a 500-word essay with the shipped English model as the scorer, by number
 * of perturbations and mask filler: {@code causal} (the built-in filler on the scoring model) and
 * {@code t5} (the T5 span filler, here with the tiny random T5 fixture: no real T5 is available
 * offline, so this measures the machinery, not T5-large's cost). Each operation draws new
 * perturbations (the seed changes per call; the perturbation cache is off). Single-shot timing:
 * one call with 100 perturbations and the built-in filler took 560 s on 2 cores before the key/value
 * cache (see benchmarks/README.md for the same-run ratios after it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PerturbationBenchmark {
    /** Perturbations per text. */
    @Param({"10", "100"})
    public int perturbations;

    /** The mask filler: {@code causal} or {@code t5}. */
    @Param({"causal", "t5"})
    public String filler;

    private CausalLm model;
    private MaskFiller maskFiller;
    private String essay;
    private long seed;

    /** Loads the scorer, the filler and the essay. */
    @Setup
    public void setUp() throws Exception {
        model = BenchInputs.model("detectgpt-en");
        maskFiller = filler.equals("t5")
            ? T5Filler.of(Seq2SeqLoader.load(Fixtures.path("hf-tiny/t5-tiny")))
            : CausalFiller.of(model);
        essay = BenchInputs.essay(500);
    }

    /** @return the DetectGPT score of the essay with fresh perturbations */
    @Benchmark
    public double detectGpt() throws Exception {
        Detector d = Detector.builder().setModel(model)
            .setCriterion(Criteria.forName("detectgpt"))
            .optMaskFiller(maskFiller)
            .optPerturbationConfig(PerturbationConfig.defaults().withPerturbations(perturbations))
            .optSeed(seed++)
            .build();
        return d.detect(essay).score();
    }
}
