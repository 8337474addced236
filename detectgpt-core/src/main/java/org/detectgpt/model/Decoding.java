package org.detectgpt.model;

/**
 * One sequence being extended token by token: what the model has read so far, so that appending
 * ids computes only the new positions (with a key/value cache) instead of the whole sequence.
 *
 * <p>Obtained from {@link CausalLm#startDecoding()}; several are advanced by one set of matrix
 * products with {@link CausalLm#appendAll}. Not thread-safe: one state belongs to one caller.
 */
public interface Decoding {
    /** @return positions read so far */
    int length();

    /**
     * Reads more ids after those already read.
     *
     * @param ids at least one id; {@code length() + ids.length} must not exceed the model's context
     * @return the final hidden states of the appended positions only, one row per id
     */
    HiddenStates append(int[] ids);

    /**
     * Forgets every position from {@code length} on (to go back to a shared prefix).
     *
     * @param length between 0 and {@link #length()}
     */
    void truncate(int length);

    /** @return an independent copy of this state (to continue one prefix several ways) */
    Decoding copy();
}
