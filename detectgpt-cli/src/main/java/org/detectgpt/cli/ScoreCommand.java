package org.detectgpt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.criterion.DnaGpt;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.Details;
import org.detectgpt.detect.DetectionResult;
import org.detectgpt.detect.Timing;
import org.detectgpt.detect.Detector;
import org.detectgpt.document.DocumentException;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.document.ExtractedText;
import org.detectgpt.model.CausalLm;
import org.detectgpt.models.ModelSet;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanModels;
import org.detectgpt.stats.TokenStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code detectgpt score}: one text, one score, with per-token statistics in JSON. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Score one text (argument, or standard input with '-' or no argument).",
        "The text is read, capped and routed to a model by its language exactly as scan does with a .txt file; "
            + "unlike scan, a short text is scored (and no verdict is given)."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    PerturbationOptions perturbation;

    @Option(names = {"-c", "--criterion"}, defaultValue = "fast-detectgpt", paramLabel = "NAME",
        description = "Criterion: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
        completionCandidates = CriterionNames.class)
    String criterion;

    @Option(names = "--json", description = "Print one JSON object with per-token statistics.")
    boolean json;

    @Option(names = "--model-zh", paramLabel = "MODEL",
        description = "Model for Chinese texts, as in scan. Default: the --model, or without it the bundled "
            + "Chinese model.")
    String modelZh;

    @Option(names = "--max-chars", defaultValue = "" + DocumentReader.DEFAULT_MAX_CHARS, paramLabel = "N",
        description = "Longer texts are refused, as in scan. Default: ${DEFAULT-VALUE}.")
    int maxChars;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The text, or '-' for standard input.")
    String text;

    @Override
    public Integer call() throws DetectGptException, IOException {
        if (!Criteria.isKnown(criterion)) {
            throw new IllegalArgumentException("unknown criterion '" + criterion + "' (known: "
                + String.join(", ", Criteria.names()) + ")");
        }
        ScoringOptions.positive(maxChars, "--max-chars");
        models.checkPairFor(List.of(criterion));
        boolean stdin = text == null || text.equals("-");
        String source = stdin ? "standard input" : "the text argument";
        DocumentReader reader = DocumentReader.defaults().withMaxChars(maxChars);
        // read at most what can decode to maxChars characters (4 bytes each), as scan does for a file
        byte[] bytes = stdin ? System.in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, 4L * maxChars + 1))
            : text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 4L * maxChars) {
            throw new DetectGptException(String.format(Locale.ROOT, "%s: text too long: over the cap of %,d characters"
                + " (raise it with --max-chars)", source, maxChars));
        }
        ExtractedText extracted;
        try {
            // the same normalisation, checks and cap as a .txt file in a scan
            extracted = reader.extract("text.txt", bytes);
        } catch (DocumentException e) {
            throw new DetectGptException(source + ": " + e.problem());
        }
        long t0 = System.nanoTime();
        ModelSet set = models.set(modelZh);
        DocumentScorer scorer = DocumentScorer.of(ScanModels.of(set.loadEach((m, s) -> detector(set, m, s))))
            .withReader(reader);
        long loadNanos = System.nanoTime() - t0;
        DocumentScorer.Prepared prepared = scorer.prepare(extracted);
        DetectionResult r = prepared.detect();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = toJson(r);
            o.put("language", prepared.language().code());
            o.set("timing", timing(r.timing(), loadNanos));
            out.println(Json.MAPPER.writeValueAsString(o));
        } else {
            out.printf("%s %.6f  (model %s%s, language %s, %d tokens%s; higher = more likely machine)%n",
                r.criterion(), r.score(), r.model().name(),
                r.samplingModel().map(m -> ", sampling model " + m.name()).orElse(""), prepared.language().code(),
                r.statistics().size(), describe(r));
        }
        return 0;
    }

    /** The detector of one model, with the perturbation options where the criterion perturbs. */
    private Detector detector(ModelSet set, CausalLm model, CausalLm sampling) throws DetectGptException {
        Criterion c = Criteria.forName(criterion, model);
        Detector.Builder b = Detector.builder().setModel(model)
            .optSamplingModel(set.samplingFor(sampling, c).orElse(null))
            .optPerturbationConfig(perturbation.config()).optSeed(perturbation.seed);
        if (PerturbationOptions.perturbs(java.util.List.of(criterion))) {
            b.optMaskFiller(perturbation.filler(model));
        }
        return b.setCriterion(c instanceof DnaGpt ? perturbation.dnaGpt() : c).build();
    }

    /** @return the seed, filler and counts of a perturbing or regenerating criterion, or "" */
    static String describe(DetectionResult r) {
        if (r.seed().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(", seed " + r.seed().getAsLong());
        if (r.details() instanceof Details.Perturbation p) {
            s.append(String.format(", %d perturbations by %s, %d retries, %d failed", p.perturbations(),
                r.filler().orElseThrow(), p.retries(), p.failed()));
        }
        if (r.details() instanceof Details.Regeneration g) {
            s.append(String.format(", %d regenerations", g.regenerations()));
        }
        return s.toString();
    }

    /**
     * @param t the detection's timing
     * @param loadNanos time spent loading the model(s) and the mask filler
     * @return {@code model_load_ms}, {@code scoring_ms} (the whole detection), {@code tokens}, and
     *     for perturbation criteria {@code fill_ms}, {@code perturbation_scoring_ms},
     *     {@code perturbed_tokens}
     */
    static ObjectNode timing(Timing t, long loadNanos) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("model_load_ms", Math.round(Timing.ms(loadNanos) * 10) / 10.0);
        o.put("scoring_ms", Math.round(Timing.ms(t.totalNanos()) * 10) / 10.0);
        o.put("tokens", t.tokens());
        if (t.fillNanos() > 0 || t.perturbedTokens() > 0) {
            o.put("fill_ms", Math.round(Timing.ms(t.fillNanos()) * 10) / 10.0);
            o.put("perturbation_scoring_ms", Math.round(Timing.ms(t.perturbedScoringNanos()) * 10) / 10.0);
            o.put("perturbed_tokens", t.perturbedTokens());
        }
        return o;
    }

    static ObjectNode toJson(DetectionResult r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("criterion", r.criterion());
        Json.putNumber(o, "score", r.score());
        o.put("model", r.model().name());
        o.set("model_info", Json.model(r.model()));
        r.samplingModel().ifPresent(m -> o.set("sampling_model", Json.model(m)));
        if (r.seed().isPresent()) {
            o.put("seed", r.seed().getAsLong());
        } else {
            o.putNull("seed");
        }
        r.filler().ifPresent(f -> o.put("filler", f));
        if (!(r.details() instanceof Details.None)) {
            ObjectNode details = o.putObject("details");
            r.details().asMap().forEach((k, v) -> Json.putNumber(details, k, v));
        }
        TokenStatistics s = r.statistics();
        double[] lp = s.logprob();
        int[] rank = s.rank();
        double[] ent = s.entropy();
        double[] mu = s.expectedLogprob();
        double[] var = s.varianceLogprob();
        o.put("n_tokens", s.size());
        ArrayNode tokens = o.putArray("tokens");
        for (int i = 0; i < s.size(); i++) {
            ObjectNode t = tokens.addObject();
            t.put("id", s.targetId(i));
            t.put("text", r.tokens().get(i));
            t.put("logprob", lp[i]);
            t.put("rank", rank[i]);
            t.put("entropy", ent[i]);
            t.put("expected_logprob", mu[i]);
            t.put("variance_logprob", var[i]);
        }
        return o;
    }
}
