package org.detectgpt.criterion;

/** Holds a criterion's command-line name, so each criterion class carries only its formula. */
abstract class NamedCriterion implements TokenCriterion {
    private final String name;

    NamedCriterion(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String toString() {
        return name;
    }
}
