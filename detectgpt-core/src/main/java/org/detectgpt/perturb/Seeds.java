package org.detectgpt.perturb;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent, reproducible seeds from a run's seed, a text and an index, so that the
 * random draws for a text do not depend on which other texts are scored, in which order or on how
 * many threads: {@code forText(seed, text)} hashes the UTF-8 text with 64-bit FNV-1a and mixes it
 * with the seed by SplitMix64's finaliser; {@link #mix} does the same for an index.
 */
public final class Seeds {
    private Seeds() {}

    /** @return a seed for one text under a run's seed */
    public static long forText(long seed, String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return mix(seed, h);
    }

    /** @return a well-mixed combination of two values (SplitMix64's finaliser over a + φ·b) */
    public static long mix(long a, long b) {
        long z = a + 0x9e3779b97f4a7c15L * (b + 1);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
