package org.detectgpt.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.detectgpt.DetectGptException;
import org.detectgpt.criterion.Criteria;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.ensemble.Ensemble;
import org.detectgpt.model.CausalLm;

/**
 * Turns a criterion name into a criterion for a given model: every name of {@link Criteria}, plus
 * {@code ensemble}, whose fitted weights belong to one model and are read from that model's
 * folder ({@value Ensemble#FILE_NAME}) unless a file is given.
 */
public final class CriterionResolver {
    private CriterionResolver() {}

    /** @return every name this resolver accepts */
    public static List<String> names() {
        List<String> n = new ArrayList<>(Criteria.names());
        n.add(Ensemble.NAME);
        return n;
    }

    /** @return whether the name is known */
    public static boolean isKnown(String name) {
        return Ensemble.NAME.equals(name) || Criteria.isKnown(name);
    }

    /**
     * @param name a criterion name
     * @param model the scoring model
     * @param ensembleFile an ensemble file overriding the model's own, or null
     * @return the criterion
     * @throws DetectGptException if {@code ensemble} is asked for and none is available
     */
    public static Criterion resolve(String name, CausalLm model, Path ensembleFile) throws DetectGptException {
        if (!Ensemble.NAME.equals(name)) {
            return Criteria.forName(name);
        }
        if (ensembleFile != null) {
            return Ensemble.read(ensembleFile);
        }
        return modelEnsemble(model).orElseThrow(() -> new DetectGptException(model.info().source()
            + ": the model ships no " + Ensemble.FILE_NAME + "; fit one with 'detectgpt fit-ensemble'"));
    }

    /**
     * @param model a model loaded from a folder
     * @return the ensemble stored beside its weights, if any
     * @throws DetectGptException if that file is malformed
     */
    public static Optional<Ensemble> modelEnsemble(CausalLm model) throws DetectGptException {
        Path f = Path.of(model.info().source()).resolve(Ensemble.FILE_NAME);
        return Files.isRegularFile(f) ? Optional.of(Ensemble.read(f)) : Optional.empty();
    }
}
