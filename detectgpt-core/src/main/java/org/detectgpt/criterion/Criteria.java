package org.detectgpt.criterion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registry of the detection criteria by command-line name.
 *
 * <p>Each name maps to a factory and the type it produces. Most criteria implement
 * {@link Criterion} (they need only {@link org.detectgpt.stats.TokenStatistics}) and are returned
 * by {@link #forName(String)}. Criteria that need more than token statistics are registered with
 * their own type: {@link PerturbationCriterion} ({@code detectgpt}, {@code npr}: they rescore
 * perturbed texts) and {@link DnaGpt} ({@code dna-gpt}: it regenerates the text's tail).
 * {@link #typeOf(String)} lets a caller dispatch on the type and {@link #forName(String, Class)}
 * returns such an instance; {@link #forName(String)} refuses them with a message that says why.
 *
 * <p>Names, in order: {@code likelihood, rank, logrank, entropy, lrr, gltr, fast-detectgpt,
 * binoculars, detectgpt, npr, dna-gpt}. The registry is immutable; criteria are immutable and
 * shared.
 */
public final class Criteria {
    private static final Map<String, Entry<?>> REGISTRY = build();

    private Criteria() {}

    private record Entry<T>(Class<T> type, Supplier<? extends T> factory) {}

    private static Map<String, Entry<?>> build() {
        Map<String, Entry<?>> map = new LinkedHashMap<>();
        register(map, LogLikelihood.NAME, Criterion.class, LogLikelihood::new);
        register(map, Rank.NAME, Criterion.class, Rank::new);
        register(map, LogRank.NAME, Criterion.class, LogRank::new);
        register(map, Entropy.NAME, Criterion.class, Entropy::new);
        register(map, LogLikelihoodLogRankRatio.NAME, Criterion.class,
            LogLikelihoodLogRankRatio::new);
        register(map, GltrBuckets.NAME, Criterion.class, GltrBuckets::new);
        register(map, FastDetectGpt.NAME, Criterion.class, FastDetectGpt::new);
        register(map, Binoculars.NAME, Criterion.class, Binoculars::new);
        register(map, DetectGpt.NAME, PerturbationCriterion.class, DetectGpt::new);
        register(map, Npr.NAME, PerturbationCriterion.class, Npr::new);
        register(map, DnaGpt.NAME, DnaGpt.class, DnaGpt::defaults);
        return Collections.unmodifiableMap(map);
    }

    private static <T> void register(Map<String, Entry<?>> map, String name, Class<T> type,
            Supplier<? extends T> factory) {
        if (map.put(name, new Entry<>(type, factory)) != null) {
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
        return REGISTRY.containsKey(name);
    }

    /**
     * @param name a registered name
     * @return the type the name's factory produces, e.g. {@code Criterion.class}
     * @throws IllegalArgumentException on an unknown name, listing the known ones
     */
    public static Class<?> typeOf(String name) {
        return entry(name).type();
    }

    /**
     * @param name a registered name of a token-statistics criterion
     * @return the criterion
     * @throws IllegalArgumentException on an unknown name (the message lists the known names) or
     *     on a criterion that needs more than token statistics
     */
    public static Criterion forName(String name) {
        return forName(name, Criterion.class);
    }

    /**
     * @param name a registered name
     * @param type the type expected, e.g. {@code Criterion.class}
     * @param <T> the type expected
     * @return the criterion
     * @throws IllegalArgumentException on an unknown name, or when the name's criterion is not a
     *     {@code type}
     */
    public static <T> T forName(String name, Class<T> type) {
        Entry<?> entry = entry(name);
        if (!type.isAssignableFrom(entry.type())) {
            throw new IllegalArgumentException("criterion '" + name + "' is a "
                + entry.type().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(entry.factory().get());
    }

    private static Entry<?> entry(String name) {
        Entry<?> entry = name == null ? null : REGISTRY.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("unknown criterion '" + name + "'; known: "
                + String.join(", ", REGISTRY.keySet()));
        }
        return entry;
    }
}
