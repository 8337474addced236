package org.detectgpt.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.detectgpt.DetectGptException;
import org.detectgpt.criterion.Binoculars;
import org.detectgpt.criterion.LikelihoodRatio;
import org.detectgpt.criterion.Criterion;
import org.detectgpt.criterion.DetectGpt;
import org.detectgpt.criterion.DnaGpt;
import org.detectgpt.criterion.Entropy;
import org.detectgpt.criterion.FastDetectGpt;
import org.detectgpt.criterion.GltrBuckets;
import org.detectgpt.criterion.LearnedCriterion;
import org.detectgpt.criterion.LogLikelihood;
import org.detectgpt.criterion.LogLikelihoodLogRankRatio;
import org.detectgpt.criterion.LogRank;
import org.detectgpt.criterion.Npr;
import org.detectgpt.criterion.PerturbationCriterion;
import org.detectgpt.criterion.Rank;
import org.detectgpt.criterion.TokenCriterion;
import org.detectgpt.ensemble.Ensemble;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The one registry: every criterion of every kind, {@code ensemble} included. */
class CriteriaTest {
    @Test
    void registryListsEveryCriterionInOrder() {
        assertEquals(List.of(LogLikelihood.NAME, Rank.NAME, LogRank.NAME, Entropy.NAME,
            LogLikelihoodLogRankRatio.NAME, GltrBuckets.NAME, FastDetectGpt.NAME, Binoculars.NAME, LikelihoodRatio.NAME,
            DetectGpt.NAME,
            Npr.NAME, DnaGpt.NAME, Ensemble.NAME), Criteria.names());
        assertEquals(List.of("likelihood", "rank", "logrank", "entropy", "lrr", "gltr", "fast-detectgpt",
            "binoculars", "likelihood-ratio", "detectgpt", "npr", "dna-gpt", "ensemble"), Criteria.names());
        assertThrows(UnsupportedOperationException.class, () -> Criteria.names().add("x"));
    }

    @Test
    void eachNameGivesACriterionOfItsKind() {
        for (String name : Criteria.names()) {
            assertTrue(Criteria.isKnown(name));
            if (Criteria.kindOf(name) == Criteria.Kind.LEARNED_HEAD) {
                continue;
            }
            Criterion c = Criteria.forName(name);
            assertEquals(name, c.name());
            assertEquals(name, c.toString());
            Class<?> kind = switch (Criteria.kindOf(name)) {
                case TOKEN_STATISTICS -> TokenCriterion.class;
                case PERTURBATION -> PerturbationCriterion.class;
                case REGENERATION -> DnaGpt.class;
                case LEARNED_HEAD -> LearnedCriterion.class;
            };
            assertInstanceOf(kind, c, name);
        }
        assertEquals(Criteria.Kind.PERTURBATION, Criteria.kindOf("npr"));
        assertEquals(Criteria.Kind.REGENERATION, Criteria.kindOf("dna-gpt"));
        assertEquals(Criteria.Kind.LEARNED_HEAD, Criteria.kindOf("ensemble"));
        assertEquals(Criteria.Kind.TOKEN_STATISTICS, Criteria.kindOf("binoculars"));
        assertInstanceOf(TokenCriterion.class, Criteria.tokenCriterion("gltr"));
        assertThrows(IllegalArgumentException.class, () -> Criteria.tokenCriterion("npr"));
    }

    @Test
    void ensembleBelongsToAModel() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Criteria.forName("ensemble"));
        assertTrue(e.getMessage().contains("ensemble"), e.getMessage());
        // a model folder without an ensemble: a one-line error naming the file it lacks
        CausalLm lm = ModelLoader.load(Fixtures.path("hf-tiny/gpt-neo-tiny"));
        DetectGptException x = assertThrows(DetectGptException.class, () -> Criteria.forName("ensemble", lm));
        assertTrue(x.getMessage().contains(Ensemble.FILE_NAME), x.getMessage());
        assertInstanceOf(TokenCriterion.class, Criteria.forName("likelihood", lm));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> Criteria.forName("detectgpt-x"));
        assertTrue(e.getMessage().contains("detectgpt-x"), e.getMessage());
        for (String name : Criteria.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertFalse(Criteria.isKnown("detectgpt-x"));
        assertFalse(Criteria.isKnown(null));
        assertThrows(IllegalArgumentException.class, () -> Criteria.forName(null));
        assertThrows(IllegalArgumentException.class, () -> Criteria.kindOf("nope"));
    }
}
