package org.detectgpt.model;

import org.detectgpt.tokenize.Tokenizer;

/**
 * A causal (decoder-only) language model: for a sequence of token ids it gives, at every
 * position, the logits of the next token.
 *
 * <p>The work is split in two so that no {@code [T × V]} logits array has to live longer than a
 * few rows: {@link #forward} runs the transformer and keeps only the final hidden states,
 * {@link #logits} projects a block of them through the output head. The statistics layer
 * ({@link org.detectgpt.stats.TokenScorer}) drives both and reduces each logits row at once.
 *
 * <p>Implementations hold immutable weights and allocate their working memory per call, so one
 * loaded model is safe to use from several threads.
 *
 * <pre>{@code
 * CausalLm lm = ModelLoader.load(Path.of("models/gpt2"));
 * int[] ids = lm.tokenizer().encode("Hello world");
 * HiddenStates h = lm.forward(ids);
 * float[] logits = new float[h.rows() * lm.vocabSize()];
 * lm.logits(h, 0, h.rows(), logits);
 * }</pre>
 */
public interface CausalLm {
    /** @return identity of the model, for provenance */
    ModelInfo info();

    /** @return the tokenizer the model was trained with */
    Tokenizer tokenizer();

    /** @return width of a logits row */
    int vocabSize();

    /** @return the most positions one {@link #forward} call accepts */
    int contextLength();

    /**
     * Runs the network over a sequence.
     *
     * @param ids token ids, between 1 and {@link #contextLength()} of them, each in
     *     {@code [0, vocabSize())}
     * @return final hidden states, one row per position
     * @throws IllegalArgumentException if the sequence is empty, too long or holds an id out of
     *     range
     */
    HiddenStates forward(int[] ids);

    /**
     * Projects rows {@code [from, to)} of the hidden states through the output head.
     *
     * @param hidden states from {@link #forward}
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @param out receives {@code (to - from) * vocabSize()} logits, row-major
     */
    void logits(HiddenStates hidden, int from, int to, float[] out);
}
