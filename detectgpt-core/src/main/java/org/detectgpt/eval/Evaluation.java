package org.detectgpt.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.data.LabeledText;
import org.detectgpt.metrics.RocCurve;
import org.detectgpt.model.CausalLm;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.stats.TokenStatistics;
import org.detectgpt.text.InvalidTextException;
import org.detectgpt.text.Whitespace;
import org.detectgpt.tokenize.ScorableText;
import org.detectgpt.util.Args;

/**
 * Scores every text of a labelled data set once per model and reports, for each criterion, the
 * separation of human and machine texts (AUROC, TPR at low FPR).
 *
 * <p>By default every run of whitespace is collapsed to one space before scoring: in the
 * development sets only machine texts contain newlines, which would leak the label. Token
 * statistics are computed once per text and shared by all criteria. Texts that cannot be scored
 * (empty, one token) are counted as skipped.
 *
 * <pre>{@code
 * Evaluation ev = Evaluation.of(model, null).withThreads(2);
 * List<CriterionReport> r = ev.run(DatasetReader.read(path), List.of(Criteria.forName("likelihood")));
 * }</pre>
 */
public final class Evaluation {
    private final CausalLm model;
    private final CausalLm samplingModel;
    private final boolean collapseWhitespace;
    private final int threads;

    private Evaluation(CausalLm model, CausalLm samplingModel, boolean collapseWhitespace, int threads) {
        this.model = Args.notNull(model, "model");
        this.samplingModel = samplingModel;
        this.collapseWhitespace = collapseWhitespace;
        this.threads = Args.positive(threads, "threads");
    }

    /**
     * @param model the scoring model
     * @param samplingModel the sampling model, or null
     * @return an evaluation that collapses whitespace and uses one thread
     */
    public static Evaluation of(CausalLm model, CausalLm samplingModel) {
        return new Evaluation(model, samplingModel, true, 1);
    }

    /** @return a copy that collapses whitespace (the default) or keeps it as it is */
    public Evaluation withCollapseWhitespace(boolean collapse) {
        return new Evaluation(model, samplingModel, collapse, threads);
    }

    /** @return a copy that scores texts on {@code n} threads */
    public Evaluation withThreads(int n) {
        return new Evaluation(model, samplingModel, collapseWhitespace, n);
    }

    /**
     * @param dataset texts with labels, both labels present
     * @param criteria at least one criterion
     * @return one report per criterion, in the given order
     * @throws IllegalArgumentException if a label has no scorable text
     */
    public List<CriterionReport> run(EvalDataset dataset, List<Criterion> criteria) {
        Args.check(!criteria.isEmpty(), "no criterion given");
        List<LabeledText> items = dataset.items();
        List<TokenStatistics> stats = scoreAll(items, criteria.stream().anyMatch(Criterion::usesSamplingModel));
        String modelName = model.info().name() + (samplingModel == null ? "" : "+" + samplingModel.info().name());
        List<CriterionReport> out = new ArrayList<>();
        for (Criterion c : criteria) {
            double[] human = new double[items.size()];
            double[] machine = new double[items.size()];
            int nh = 0;
            int nm = 0;
            int skipped = 0;
            for (int i = 0; i < items.size(); i++) {
                TokenStatistics s = stats.get(i);
                if (s == null) {
                    skipped++;
                    continue;
                }
                double score = c.score(s);
                if (items.get(i).isMachine()) {
                    machine[nm++] = score;
                } else {
                    human[nh++] = score;
                }
            }
            Args.check(nh > 0 && nm > 0, "%s: needs scorable human and machine texts (%d human, %d machine)",
                dataset.name(), nh, nm);
            double[] h = java.util.Arrays.copyOf(human, nh);
            double[] m = java.util.Arrays.copyOf(machine, nm);
            out.add(new CriterionReport(dataset.name(), c.name(), modelName, h, m, skipped, RocCurve.of(h, m)));
        }
        return out;
    }

    private List<TokenStatistics> scoreAll(List<LabeledText> items, boolean cross) {
        CausalLm q = cross ? samplingModel : null;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<TokenStatistics>> futures = new ArrayList<>();
            for (LabeledText t : items) {
                String text = collapseWhitespace ? Whitespace.collapse(t.text()) : t.text();
                futures.add(pool.submit(() -> {
                    try {
                        return TokenScorer.score(model, q, ScorableText.encode(model.tokenizer(), text));
                    } catch (InvalidTextException e) {
                        return null;
                    }
                }));
            }
            List<TokenStatistics> out = new ArrayList<>();
            for (Future<TokenStatistics> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
