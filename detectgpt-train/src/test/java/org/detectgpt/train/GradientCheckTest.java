package org.detectgpt.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hand-written backward pass against central finite differences of the loss, on a tiny
 * model in fp32: every checked parameter within a relative error of {@value #REL_TOL} (or an
 * absolute error of {@value #ABS_TOL} for gradients near zero).
 */
class GradientCheckTest {
    static final double REL_TOL = 3e-2;
    static final double ABS_TOL = 2e-4;

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        TrainableLlama.Shape shape = new TrainableLlama.Shape(13, 8, 2, 2, 12, 6);
        TrainableLlama model = new TrainableLlama(shape, 42);
        // larger weights than the 0.02 init so that every path carries a measurable gradient
        float[] p = model.params();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < p.length; i++) {
            if (model.isMatrix(i)) {
                p[i] = (float) ((r.nextDouble() - 0.5) * 0.8);
            } else {
                p[i] = (float) (1 + (r.nextDouble() - 0.5) * 0.4);
            }
        }
        int batch = 2;
        int n = batch * shape.context();
        int[] in = new int[n];
        int[] tg = new int[n];
        for (int i = 0; i < n; i++) {
            in[i] = r.nextInt(shape.vocab());
            tg[i] = r.nextInt(shape.vocab());
        }
        model.step(in, tg, batch);
        float[] g = model.grads().clone();
        int checked = 0;
        int[] probes = {model.emb() + 3, model.emb() + 8 * in[0] + 2, model.g1(0) + 1, model.wq(0) + 5, model.wk(0) + 17,
            model.wv(1) + 9, model.wo(0) + 30, model.g2(1) + 4, model.wg(0) + 11, model.wu(1) + 40, model.wd(0) + 50,
            model.wq(1) + 63, model.wk(1) + 2, model.gf() + 7};
        for (int idx : probes) {
            float orig = p[idx];
            double h = 1e-2;
            p[idx] = (float) (orig + h);
            double lp = model.loss(in, tg, batch);
            p[idx] = (float) (orig - h);
            double lm = model.loss(in, tg, batch);
            p[idx] = orig;
            double num = (lp - lm) / (2 * h);
            double err = Math.abs(num - g[idx]);
            assertTrue(err <= ABS_TOL || err <= REL_TOL * Math.max(Math.abs(num), Math.abs(g[idx])),
                "param " + idx + ": analytic " + g[idx] + " vs numeric " + num);
            checked++;
        }
        assertTrue(checked == probes.length);
    }
}
