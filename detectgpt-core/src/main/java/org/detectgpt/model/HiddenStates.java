package org.detectgpt.model;

import org.detectgpt.util.Args;

/**
 * The final hidden states of a causal model for one sequence, after the final normalisation:
 * a row-major {@code [rows × width]} matrix, one row per input position. Projecting a row
 * through the model's output head gives the logits of the next token.
 *
 * <p>Kept instead of the full {@code [T × V]} logits so that the vocabulary-sized rows can be
 * produced in small blocks and reduced to statistics at once.
 */
public final class HiddenStates {
    private final float[] data;
    private final int rows;
    private final int width;

    /**
     * @param data row-major values, {@code rows * width} of them (not copied)
     * @param rows number of positions
     * @param width hidden size
     */
    public HiddenStates(float[] data, int rows, int width) {
        Args.check(data.length == (long) rows * width,
            "hidden states hold %d values, not rows %d × width %d", data.length, rows, width);
        this.data = data;
        this.rows = rows;
        this.width = width;
    }

    /** @return the row-major values (shared, do not modify) */
    public float[] data() {
        return data;
    }

    /** @return number of positions */
    public int rows() {
        return rows;
    }

    /** @return hidden size */
    public int width() {
        return width;
    }
}
