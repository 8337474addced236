package org.detectgpt.cli;

import java.nio.file.Path;
import org.detectgpt.ModelFormatException;
import org.detectgpt.criterion.DnaGpt;
import org.detectgpt.detect.Criteria;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.Seq2SeqLoader;
import org.detectgpt.perturb.CausalFiller;
import org.detectgpt.perturb.MaskFiller;
import org.detectgpt.perturb.PerturbationConfig;
import org.detectgpt.perturb.T5Filler;
import picocli.CommandLine.Option;

/** Options of the criteria that perturb (detectgpt, npr) or regenerate (dna-gpt) the text. */
final class PerturbationOptions {
    @Option(names = "--perturbations", defaultValue = "100", paramLabel = "N",
        description = "Perturbations per text for detectgpt and npr. Default: ${DEFAULT-VALUE} (the paper's).")
    int perturbations;

    @Option(names = "--pct", defaultValue = "0.3", paramLabel = "P",
        description = "Fraction of the words to mask. Default: ${DEFAULT-VALUE}.")
    double pct;

    @Option(names = "--span-length", defaultValue = "2", paramLabel = "WORDS",
        description = "Words per masked span. Default: ${DEFAULT-VALUE}.")
    int spanLength;

    @Option(names = "--mask-filler", paramLabel = "PATH",
        description = "T5 model folder (t5-large, t5-3b, flan-t5-...) that fills the masks. Default: the built-in"
            + " filler, which resamples spans from the scoring model.")
    Path maskFiller;

    @Option(names = "--mask-top-p", defaultValue = "1.0", paramLabel = "P",
        description = "Top-p of the T5 filler's sampling. Default: ${DEFAULT-VALUE}.")
    double maskTopP;

    @Option(names = "--candidates", defaultValue = "1", paramLabel = "K",
        description = "Candidates per span of the built-in filler, reranked by how well the next words follow;"
            + " each costs another read of the text. Default: ${DEFAULT-VALUE}.")
    int candidates;

    @Option(names = "--regenerations", defaultValue = "10", paramLabel = "K",
        description = "Tails dna-gpt regenerates. Default: ${DEFAULT-VALUE}.")
    int regenerations;

    @Option(names = "--truncate-ratio", defaultValue = "0.5", paramLabel = "R",
        description = "Share of the tokens dna-gpt keeps as the prefix. Default: ${DEFAULT-VALUE}.")
    double truncateRatio;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
        description = "Seed of perturbations and regenerations: the same seed gives the same scores. Default: ${DEFAULT-VALUE}.")
    long seed;

    /** @return whether any of the named criteria perturbs the text */
    static boolean perturbs(Iterable<String> criteria) {
        for (String c : criteria) {
            if (Criteria.isKnown(c) && Criteria.kindOf(c) == Criteria.Kind.PERTURBATION) {
                return true;
            }
        }
        return false;
    }

    PerturbationConfig config() {
        return PerturbationConfig.defaults().withPerturbations(perturbations).withPct(pct).withSpanLength(spanLength);
    }

    /**
     * @param model the scoring model (the built-in filler samples from it)
     * @return the T5 filler of {@code --mask-filler}, else the built-in one
     * @throws ModelFormatException if the T5 folder cannot be loaded
     */
    MaskFiller filler(CausalLm model) throws ModelFormatException {
        return maskFiller == null ? CausalFiller.of(model).withCandidates(candidates)
            : T5Filler.of(Seq2SeqLoader.load(maskFiller)).withTopP(maskTopP);
    }

    DnaGpt dnaGpt() {
        return DnaGpt.defaults().withRegenerations(regenerations).withTruncateRatio(truncateRatio);
    }
}
