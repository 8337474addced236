package org.detectgpt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.data.Label;
import org.detectgpt.data.LabeledText;
import org.detectgpt.ensemble.Ensemble;
import org.detectgpt.ensemble.EnsembleFitter;
import org.detectgpt.model.CausalLm;
import org.detectgpt.util.InputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code detectgpt fit-ensemble}: fits the ensemble criterion on a user's labelled texts. */
@Command(name = "fit-ensemble", mixinStandardHelpOptions = true,
    description = {"Fit the 'ensemble' criterion (logistic regression over per-text features of one model) on labelled texts.",
        "--human/--machine take text files (.txt, .md) or folders of them; --dataset takes labelled development-set files."})
final class FitEnsembleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Option(names = "--human", paramLabel = "PATH", arity = "1..*", description = "Texts known to be human-written.")
    List<Path> human = new ArrayList<>();

    @Option(names = "--machine", paramLabel = "PATH", arity = "1..*", description = "Texts known to be machine-written.")
    List<Path> machine = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "PATH", arity = "1..*",
        description = "Labelled data sets (fast-detect-gpt JSON, JSONL, MixSet); never validation splits.")
    List<Path> datasets = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", description = "At most N texts of each label from each data set.")
    Integer limit;

    @Option(names = "--lambda", defaultValue = "1.0", description = "L2 regularisation. Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--threads", defaultValue = "2", description = "Texts scored in parallel. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The ensemble JSON to write.")
    Path out;

    @Override
    public Integer call() throws DetectGptException, IOException {
        List<LabeledText> texts = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Path p : human) {
            texts.addAll(textFiles(p, Label.HUMAN));
            sources.add("human: " + p.getFileName());
        }
        for (Path p : machine) {
            texts.addAll(textFiles(p, Label.MACHINE));
            sources.add("machine: " + p.getFileName());
        }
        for (Path p : datasets) {
            EvalDataset d = DatasetReader.read(p);
            int h = 0;
            int m = 0;
            for (LabeledText t : d.items()) {
                if (limit == null || (t.isMachine() ? m++ : h++) < limit) {
                    texts.add(t);
                }
            }
            sources.add(d.name());
        }
        CausalLm model = models.loadModel();
        Ensemble e = EnsembleFitter.of(model).withLambda(lambda).withThreads(threads).fit(texts, String.join(", ", sources));
        e.write(out);
        spec.commandLine().getOut().printf("wrote %s: %s%n", out, e.fittedOn());
        return 0;
    }

    private static List<LabeledText> textFiles(Path p, Label label) throws DetectGptException {
        List<Path> files = InputFiles.of(p, List.of(".txt", ".md"));
        List<LabeledText> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(new LabeledText(Files.readString(f, StandardCharsets.UTF_8), label));
            } catch (IOException e) {
                throw new DetectGptException(f + ": cannot read as UTF-8 text: " + e.getMessage());
            }
        }
        return out;
    }
}
