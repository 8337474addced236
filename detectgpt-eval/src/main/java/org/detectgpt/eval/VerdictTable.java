package org.detectgpt.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.detectgpt.calibrate.Calibration;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.data.LabeledText;
import org.detectgpt.language.Language;
import org.detectgpt.language.TextMeasure;
import org.detectgpt.metrics.RocCurve;
import org.detectgpt.text.Whitespace;

/**
 * What a calibration's verdicts do on labelled data: per data set, the share of human texts
 * called {@code likely-machine} (false positives) and {@code likely-human}, and of machine texts
 * called {@code likely-machine} and {@code likely-human}; and per language and length bucket
 * (words; Chinese: characters), the AUROC and those shares — the measurement the minimum length
 * for a verdict is set from. Shares here apply the calibration's rule to every scored text,
 * whatever its length.
 */
public final class VerdictTable {
    /** Bucket lower bounds in words (English and other languages). */
    static final int[] WORD_BUCKETS = {0, 25, 50, 100, 150, 300};
    /** Bucket lower bounds in characters (Chinese). */
    static final int[] CHAR_BUCKETS = {0, 50, 100, 200, 300, 600};

    private final Map<Language, Calibration> calibrations;
    private final String criterion;
    private final Map<String, Cell> bySet = new LinkedHashMap<>();
    private final Map<String, Cell> byLength = new LinkedHashMap<>();

    /** Human and machine scores of one row. */
    private static final class Cell {
        final Calibration calibration;
        final List<Double> human = new ArrayList<>();
        final List<Double> machine = new ArrayList<>();

        Cell(Calibration c) {
            this.calibration = c;
        }

        double share(List<Double> s, Verdict v) {
            return s.isEmpty() ? Double.NaN
                : s.stream().filter(x -> calibration.verdict(x) == v).count() / (double) s.size();
        }

        double auroc() {
            return human.isEmpty() || machine.isEmpty() ? Double.NaN
                : RocCurve.of(human.stream().mapToDouble(Double::doubleValue).toArray(),
                    machine.stream().mapToDouble(Double::doubleValue).toArray()).auroc();
        }
    }

    /**
     * @param calibrations the calibration per language
     * @param criterion the criterion whose scores are given
     */
    public VerdictTable(Map<Language, Calibration> calibrations, String criterion) {
        this.calibrations = Map.copyOf(calibrations);
        this.criterion = criterion;
    }

    /**
     * @param d a data set
     * @param language its language
     * @param evaluation the evaluation that scored it (for the calibration's identity check)
     * @param scores per-item scores (NaN: not scored)
     * @param collapse whether the texts were whitespace-collapsed before scoring
     */
    public synchronized void add(EvalDataset d, Language language, Evaluation evaluation, double[] scores,
            boolean collapse) {
        Calibration c = calibrations.get(language);
        if (c == null || !c.matches(evaluation.modelIdentity(criterion), evaluation.model().info().parameters(),
                criterion)) {
            return;
        }
        Cell set = bySet.computeIfAbsent(d.name(), k -> new Cell(c));
        int[] buckets = language == Language.CHINESE ? CHAR_BUCKETS : WORD_BUCKETS;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                continue;
            }
            LabeledText t = d.items().get(i);
            int len = TextMeasure.of(collapse ? Whitespace.collapse(t.text()) : t.text()).words();
            int b = buckets.length - 1;
            while (len < buckets[b]) {
                b--;
            }
            String key = language.code() + " " + buckets[b] + (b + 1 < buckets.length ? "–" + buckets[b + 1] : "+");
            Cell cell = byLength.computeIfAbsent(key, k -> new Cell(c));
            (t.isMachine() ? set.machine : set.human).add(scores[i]);
            (t.isMachine() ? cell.machine : cell.human).add(scores[i]);
        }
    }

    /** Prints both tables. */
    public synchronized void print(PrintWriter out) {
        out.printf("%nverdicts (%s): share of each class given each verdict%n", criterion);
        out.printf("%-55s %6s %6s %9s %9s %9s %9s%n", "dataset", "human", "machine", "h->mach", "h->human",
            "m->mach", "m->human");
        bySet.forEach((k, c) -> out.printf("%-55s %6d %6d %9s %9s %9s %9s%n", k, c.human.size(), c.machine.size(),
            pct(c.share(c.human, Verdict.LIKELY_MACHINE)), pct(c.share(c.human, Verdict.LIKELY_HUMAN)),
            pct(c.share(c.machine, Verdict.LIKELY_MACHINE)), pct(c.share(c.machine, Verdict.LIKELY_HUMAN))));
        out.printf("%nby length (words; zh: characters), all data sets pooled%n");
        out.printf("%-12s %6s %6s %7s %9s %9s %9s%n", "bucket", "human", "machine", "auroc", "h->mach", "m->mach",
            "m->human");
        byLength.entrySet().stream().sorted(Map.Entry.comparingByKey(VerdictTable::bucketOrder)).forEach(e -> {
            Cell c = e.getValue();
            out.printf("%-12s %6d %6d %7s %9s %9s %9s%n", e.getKey(), c.human.size(), c.machine.size(),
                Double.isNaN(c.auroc()) ? "" : String.format(java.util.Locale.ROOT, "%.4f", c.auroc()),
                pct(c.share(c.human, Verdict.LIKELY_MACHINE)), pct(c.share(c.machine, Verdict.LIKELY_MACHINE)),
                pct(c.share(c.machine, Verdict.LIKELY_HUMAN)));
        });
        out.flush();
    }

    private static int bucketOrder(String a, String b) {
        String[] x = a.split("[ –+]");
        String[] y = b.split("[ –+]");
        int c = x[0].compareTo(y[0]);
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    /** @return both tables as JSON */
    public synchronized ObjectNode toJson() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("criterion", criterion);
        ArrayNode sets = o.putArray("datasets");
        bySet.forEach((k, c) -> row(sets.addObject().put("dataset", k), c));
        ArrayNode len = o.putArray("by_length");
        byLength.forEach((k, c) -> row(len.addObject().put("bucket", k), c));
        return o;
    }

    private static void row(ObjectNode o, Cell c) {
        o.put("human", c.human.size());
        o.put("machine", c.machine.size());
        put(o, "auroc", c.auroc());
        put(o, "human_as_machine", c.share(c.human, Verdict.LIKELY_MACHINE));
        put(o, "human_as_human", c.share(c.human, Verdict.LIKELY_HUMAN));
        put(o, "machine_as_machine", c.share(c.machine, Verdict.LIKELY_MACHINE));
        put(o, "machine_as_human", c.share(c.machine, Verdict.LIKELY_HUMAN));
    }

    private static void put(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
    }
}
