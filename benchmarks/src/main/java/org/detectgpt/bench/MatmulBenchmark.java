package org.detectgpt.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.detectgpt.model.nn.Linear;
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
 * The big matmuls of the forward pass, through the engine's own {@link Linear} (Java arrays in,
 * Java arrays out, as the forward pass calls it): GFLOP/s = 2·rows·in·out / (seconds per op).
 * Shapes {@code rows×in×out} for 512 tokens: the shipped English model's FFN (256×688) and head
 * (256×8257), and the random 42 M Llama's FFN (512×1408) and head (512×32000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MatmulBenchmark {
    /** rows x in x out. */
    @Param({"512x256x688", "512x256x8257", "512x512x1408", "512x512x32000"})
    public String shape;

    private Linear linear;
    private float[] x;
    private float[] y;
    private int rows;

    /** Random weights and input of the shape. */
    @Setup
    public void setUp() {
        String[] p = shape.split("x");
        rows = Integer.parseInt(p[0]);
        int in = Integer.parseInt(p[1]);
        int out = Integer.parseInt(p[2]);
        SplittableRandom r = new SplittableRandom(7);
        linear = Linear.fromOutIn(uniform(in * out, r), null, in, out);
        x = uniform(rows * in, r);
        y = new float[rows * out];
    }

    /** @return n values uniform in [−0.5, 0.5) */
    static float[] uniform(int n, SplittableRandom r) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() - 0.5);
        }
        return v;
    }

    /** @return x·Wᵀ */
    @Benchmark
    public float[] matmul() {
        linear.applyInto(x, rows, y);
        return y;
    }
}
