package org.detectgpt.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * The one registry of detection criteria by command-line name, every kind included.
 *
 * <p>Names, in order: {@code likelihood, rank, logrank, entropy, lrr, gltr, fast-detectgpt,
 * binoculars, likelihood-ratio} (token statistics), {@code detectgpt, npr} (perturbation), {@code dna-gpt}
 * (regeneration), {@code ensemble} (learned head). A learned head belongs to one model: its
 * fitted weights are read from that model's folder ({@value Ensemble#FILE_NAME}), so
 * {@code ensemble} needs {@link #forName(String, CausalLm)}. It lives here rather than in
 * {@code org.detectgpt.criterion} because the ensemble package depends on that one. Immutable.
 */
public final class Criteria {
    /** The kinds of criteria, as {@link Criterion}'s sealed sub-types. */
    public enum Kind {
        /** A {@link TokenCriterion}. */
        TOKEN_STATISTICS,
        /** A {@link PerturbationCriterion}. */
        PERTURBATION,
        /** {@link DnaGpt}. */
        REGENERATION,
        /** A {@link LearnedCriterion}. */
        LEARNED_HEAD
    }

    private interface Factory {
        Criterion create(CausalLm model) throws DetectGptException;
    }

    private record Entry(Kind kind, Factory factory) {}

    private static final Map<String, Entry> REGISTRY = build();

    private Criteria() {}

    private static Map<String, Entry> build() {
        Map<String, Entry> map = new LinkedHashMap<>();
        register(map, LogLikelihood.NAME, Kind.TOKEN_STATISTICS, m -> new LogLikelihood());
        register(map, Rank.NAME, Kind.TOKEN_STATISTICS, m -> new Rank());
        register(map, LogRank.NAME, Kind.TOKEN_STATISTICS, m -> new LogRank());
        register(map, Entropy.NAME, Kind.TOKEN_STATISTICS, m -> new Entropy());
        register(map, LogLikelihoodLogRankRatio.NAME, Kind.TOKEN_STATISTICS, m -> new LogLikelihoodLogRankRatio());
        register(map, GltrBuckets.NAME, Kind.TOKEN_STATISTICS, m -> new GltrBuckets());
        register(map, FastDetectGpt.NAME, Kind.TOKEN_STATISTICS, m -> new FastDetectGpt());
        register(map, Binoculars.NAME, Kind.TOKEN_STATISTICS, m -> new Binoculars());
        register(map, LikelihoodRatio.NAME, Kind.TOKEN_STATISTICS, m -> new LikelihoodRatio());
        register(map, DetectGpt.NAME, Kind.PERTURBATION, m -> new DetectGpt());
        register(map, Npr.NAME, Kind.PERTURBATION, m -> new Npr());
        register(map, DnaGpt.NAME, Kind.REGENERATION, m -> DnaGpt.defaults());
        register(map, Ensemble.NAME, Kind.LEARNED_HEAD, Criteria::modelEnsemble);
        return Collections.unmodifiableMap(map);
    }

    private static void register(Map<String, Entry> map, String name, Kind kind, Factory factory) {
        if (map.put(name, new Entry(kind, factory)) != null) {
            throw new IllegalStateException("criterion registered twice: " + name);
        }
    }

    /** @return every registered name, in registration order */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /**
     * @param name any name
     * @return whether {@code name} is registered
     */
    public static boolean isKnown(String name) {
        return name != null && REGISTRY.containsKey(name);
    }

    /**
     * @param name a registered name
     * @return its kind
     * @throws IllegalArgumentException on an unknown name, listing the known ones
     */
    public static Kind kindOf(String name) {
        return entry(name).kind();
    }

    /**
     * @param name a registered name of a criterion that belongs to no model (every kind but the
     *     learned head), with its default settings
     * @return the criterion
     * @throws IllegalArgumentException on an unknown name (the message lists the known names), or
     *     for {@code ensemble}, which needs {@link #forName(String, CausalLm)}
     */
    public static Criterion forName(String name) {
        Entry e = entry(name);
        if (e.kind() == Kind.LEARNED_HEAD) {
            throw new IllegalArgumentException("criterion '" + name + "' belongs to a model: resolve it with the model");
        }
        try {
            return e.factory().create(null);
        } catch (DetectGptException x) {
            throw new IllegalStateException(x);
        }
    }

    /**
     * @param name a registered name of a token-statistics criterion
     * @return the criterion
     * @throws IllegalArgumentException on an unknown name or another kind
     */
    public static TokenCriterion tokenCriterion(String name) {
        if (forName(name) instanceof TokenCriterion t) {
            return t;
        }
        throw new IllegalArgumentException("criterion '" + name + "' needs more than token statistics");
    }

    /**
     * @param name any registered name
     * @param model the scoring model: a learned head is the one stored beside its weights
     * @return the criterion, with its default settings
     * @throws IllegalArgumentException on an unknown name (the message lists the known names)
     * @throws DetectGptException if {@code ensemble} is asked for and the model has none, or its
     *     file is malformed
     */
    public static Criterion forName(String name, CausalLm model) throws DetectGptException {
        return entry(name).factory().create(model);
    }

    private static Ensemble modelEnsemble(CausalLm model) throws DetectGptException {
        return ensembleOf(model).orElseThrow(() -> new DetectGptException(model.info().source()
            + ": the model ships no " + Ensemble.FILE_NAME + "; fit one with 'detectgpt fit-ensemble'"));
    }

    /**
     * @param model a model loaded from a folder
     * @return the ensemble stored beside its weights, if any
     * @throws DetectGptException if that file is malformed
     */
    public static Optional<Ensemble> ensembleOf(CausalLm model) throws DetectGptException {
        Path f = Path.of(model.info().source()).resolve(Ensemble.FILE_NAME);
        return Files.isRegularFile(f) ? Optional.of(Ensemble.read(f)) : Optional.empty();
    }

    private static Entry entry(String name) {
        Entry entry = name == null ? null : REGISTRY.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("unknown criterion '" + name + "'; known: "
                + String.join(", ", REGISTRY.keySet()));
        }
        return entry;
    }
}
