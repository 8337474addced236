package org.detectgpt.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.detectgpt.data.LabeledText;
import org.detectgpt.model.CausalLm;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.text.InvalidTextException;
import org.detectgpt.text.Whitespace;
import org.detectgpt.tokenize.ScorableText;
import org.detectgpt.util.Args;

/**
 * Fits an {@link Ensemble} for a model from labelled texts: scores every text (whitespace
 * collapsed, as at scoring time), computes its {@link Features}, and fits the L2-regularised
 * logistic regression. Texts that cannot be scored are skipped.
 *
 * <pre>{@code
 * Ensemble e = EnsembleFitter.of(model).withLambda(1.0).fit(texts, "my class essays 2019");
 * e.write(Path.of("ensemble.json"));
 * }</pre>
 */
public final class EnsembleFitter {
    private final CausalLm model;
    private final double lambda;
    private final int threads;

    private EnsembleFitter(CausalLm model, double lambda, int threads) {
        this.model = Args.notNull(model, "model");
        this.lambda = lambda;
        this.threads = Args.positive(threads, "threads");
    }

    /** @return a fitter with λ = 1 on one thread */
    public static EnsembleFitter of(CausalLm model) {
        return new EnsembleFitter(model, 1.0, 1);
    }

    /** @return a copy with L2 strength λ (on standardised features) */
    public EnsembleFitter withLambda(double l) {
        Args.check(l >= 0, "lambda must not be negative: %s", l);
        return new EnsembleFitter(model, l, threads);
    }

    /** @return a copy scoring on n threads */
    public EnsembleFitter withThreads(int n) {
        return new EnsembleFitter(model, lambda, n);
    }

    /**
     * @param texts labelled texts, both labels present
     * @param description what they are (recorded in the ensemble for provenance)
     * @return the fitted ensemble
     */
    public Ensemble fit(List<LabeledText> texts, String description) {
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> fs = new ArrayList<>();
            for (LabeledText t : texts) {
                fs.add(pool.submit(() -> {
                    try {
                        int[] ids = ScorableText.encode(model.tokenizer(), Whitespace.collapse(t.text()));
                        return Features.of(TokenScorer.score(model, ids));
                    } catch (InvalidTextException e) {
                        return null;
                    }
                }));
            }
            for (int i = 0; i < fs.size(); i++) {
                double[] f = fs.get(i).get();
                if (f != null) {
                    rows.add(f);
                    labels.add(texts.get(i).isMachine());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long machine = labels.stream().filter(b -> b).count();
        Args.check(machine > 0 && machine < labels.size(), "need scorable human and machine texts (%d human, %d machine)",
            labels.size() - machine, machine);
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        LogisticRegression r = LogisticRegression.fit(rows.toArray(double[][]::new), y, lambda);
        return new Ensemble(model.info().name(), description + " (" + (labels.size() - machine) + " human, " + machine
            + " machine texts)", r);
    }
}
