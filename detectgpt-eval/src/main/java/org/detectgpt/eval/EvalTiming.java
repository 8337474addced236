package org.detectgpt.eval;

import java.util.concurrent.atomic.LongAdder;
import org.detectgpt.detect.Timing;

/**
 * Where an evaluation's time went, added up over the runs given it ({@link Evaluation#runByName(
 * EvalDataset, java.util.List, EvalTiming)}); thread-safe. {@link #wallNanos} is elapsed time;
 * the fill and perturbation-scoring parts are summed over the scoring threads (with one thread
 * they are parts of the wall time).
 */
public final class EvalTiming {
    private final LongAdder wall = new LongAdder();
    private final LongAdder tokens = new LongAdder();
    private final LongAdder fill = new LongAdder();
    private final LongAdder perturbedScoring = new LongAdder();
    private final LongAdder perturbedTokens = new LongAdder();

    void addWall(long nanos) {
        wall.add(nanos);
    }

    void addTokens(long n) {
        tokens.add(n);
    }

    void addPerturbation(Timing t) {
        fill.add(t.fillNanos());
        perturbedScoring.add(t.perturbedScoringNanos());
        perturbedTokens.add(t.perturbedTokens());
    }

    /** @return elapsed time of the runs */
    public long wallNanos() {
        return wall.sum();
    }

    /** @return token ids of the scored texts, each text counted once per run */
    public long tokens() {
        return tokens.sum();
    }

    /** @return time making perturbations, summed over threads */
    public long fillNanos() {
        return fill.sum();
    }

    /** @return time scoring perturbations, summed over threads */
    public long perturbedScoringNanos() {
        return perturbedScoring.sum();
    }

    /** @return token ids of the scored perturbations */
    public long perturbedTokens() {
        return perturbedTokens.sum();
    }
}
