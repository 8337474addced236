package org.detectgpt.train;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.detectgpt.util.Args;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small Deeplearning4j multilayer perceptron for a binary label over dense features: ReLU
 * hidden layers, a sigmoid output, Adam, L2, and early stopping on a seeded inner split (the
 * parameters of the epoch with the lowest inner log-loss are kept). Deterministic for a seed on
 * one thread. Used only to measure whether such a network beats the ensemble head's dense
 * logistic regression ({@link HeadNetworkComparison}); the shipped head does not use it.
 */
public final class DenseMlp {
    /**
     * How to fit.
     *
     * @param hidden widths of the hidden layers
     * @param l2 L2 penalty on the weights
     * @param learningRate Adam's step
     * @param maxEpochs at most this many passes
     * @param patience stop after this many epochs without a better inner log-loss
     * @param batch minibatch size
     * @param innerShare share of the training texts held out for early stopping
     * @param seed weights, shuffles and the inner split
     */
    public record Settings(int[] hidden, double l2, double learningRate, int maxEpochs, int patience, int batch,
            double innerShare, long seed) {
        /** Checks the fields. */
        public Settings {
            Args.check(hidden.length > 0, "need a hidden layer");
            Args.check(innerShare > 0 && innerShare < 0.5, "inner share must be in (0, 0.5), got %s", innerShare);
            hidden = hidden.clone();
        }

        /**
         * @return the comparison's network: 32 → 16 ReLU, Adam 3e-3, minibatches of 256 (DL4J costs
         *     ~10 ms a step however small the layers, so steps are what to save), up to 150 epochs,
         *     patience 15
         */
        public static Settings small(double l2, long seed) {
            return new Settings(new int[] {32, 16}, l2, 3e-3, 150, 15, 256, 0.15, seed);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    private final MultiLayerNetwork net;
    private final int inputs;
    private final int epochs;

    private DenseMlp(MultiLayerNetwork net, int inputs, int epochs) {
        this.net = net;
        this.inputs = inputs;
        this.epochs = epochs;
    }

    /**
     * @param x rows of features (standardised: the network has no input scaling)
     * @param y labels (true: machine)
     * @param s settings
     * @return the fitted network
     */
    public static DenseMlp fit(double[][] x, boolean[] y, Settings s) {
        Args.check(x.length == y.length && x.length >= 10, "need at least 10 rows with labels, got %d", x.length);
        int d = x[0].length;
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
            .seed(s.seed()).updater(new Adam(s.learningRate())).l2(s.l2()).weightInit(WeightInit.XAVIER).list();
        int in = d;
        for (int h : s.hidden()) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(h).activation(Activation.RELU).build());
            in = h;
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(in).nOut(1)
            .activation(Activation.SIGMOID).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        Random rnd = new Random(s.seed());
        int[] order = shuffled(x.length, rnd);
        int nInner = Math.max(1, (int) Math.round(x.length * s.innerShare()));
        int[] inner = Arrays.copyOfRange(order, 0, nInner);
        int[] train = Arrays.copyOfRange(order, nInner, order.length);
        INDArray ix = rows(x, inner);
        double[] iy = new double[inner.length];
        for (int i = 0; i < inner.length; i++) {
            iy[i] = y[inner[i]] ? 1 : 0;
        }
        double best = Double.POSITIVE_INFINITY;
        INDArray bestParams = net.params().dup();
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= s.maxEpochs() && epoch - bestEpoch <= s.patience(); epoch++) {
            int[] perm = shuffled(train.length, rnd);
            for (int from = 0; from < perm.length; from += s.batch()) {
                int to = Math.min(perm.length, from + s.batch());
                int[] idx = new int[to - from];
                float[][] lab = new float[to - from][1];
                for (int k = from; k < to; k++) {
                    idx[k - from] = train[perm[k]];
                    lab[k - from][0] = y[idx[k - from]] ? 1f : 0f;
                }
                net.fit(rows(x, idx), Nd4j.create(lab));
            }
            double loss = logLoss(net.output(ix, false), iy);
            if (loss < best - 1e-6) {
                best = loss;
                bestParams = net.params().dup();
                bestEpoch = epoch;
            }
        }
        net.setParams(bestParams);
        return new DenseMlp(net, d, bestEpoch);
    }

    /** @return the epoch whose parameters were kept */
    public int epochs() {
        return epochs;
    }

    /**
     * @param x rows of features, as in training
     * @return the log-odds of machine for each row
     */
    public double[] logits(double[][] x) {
        Args.check(x.length == 0 || x[0].length == inputs, "expected %d features", inputs);
        double[] out = new double[x.length];
        if (x.length == 0) {
            return out;
        }
        int[] all = new int[x.length];
        Arrays.setAll(all, i -> i);
        INDArray p = net.output(rows(x, all), false);
        for (int i = 0; i < x.length; i++) {
            // clamped: a saturated sigmoid would give ±∞ log-odds and tie the ranking
            double q = Math.min(1 - 1e-7, Math.max(1e-7, p.getDouble(i, 0)));
            out[i] = Math.log(q) - Math.log1p(-q);
        }
        return out;
    }

    private static INDArray rows(double[][] x, int[] idx) {
        float[][] f = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            double[] r = x[idx[i]];
            f[i] = new float[r.length];
            for (int j = 0; j < r.length; j++) {
                f[i][j] = (float) r[j];
            }
        }
        return Nd4j.create(f);
    }

    private static double logLoss(INDArray p, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double q = Math.min(1 - 1e-7, Math.max(1e-7, p.getDouble(i, 0)));
            s -= y[i] * Math.log(q) + (1 - y[i]) * Math.log1p(-q);
        }
        return s / y.length;
    }

    private static int[] shuffled(int n, Random rnd) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
