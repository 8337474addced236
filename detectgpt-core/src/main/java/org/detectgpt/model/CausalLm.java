package org.detectgpt.model;

import java.util.ArrayList;
import java.util.List;
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
 * loaded model is safe to use from several threads. Incremental decoding keeps its key/value
 * cache in a {@link Decoding} state ({@link #startDecoding}), which belongs to one caller;
 * {@link #forwardAll} and {@link #appendAll} run many sequences as one set of products.
 *
 * <pre>{@code
 * CausalLm lm = ModelLoader.load(Path.of("models/gpt2"));
 * int[] ids = lm.tokenizer().encodeIds("Hello world");
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

    /**
     * Starts a sequence to be extended with {@link Decoding#append}. The decoder architectures
     * keep a key/value cache, so an append computes only its own positions; this default
     * recomputes the whole sequence at every append (same results, quadratic cost).
     *
     * @return an empty state
     */
    default Decoding startDecoding() {
        return new RecomputeDecoding(this);
    }

    /**
     * Runs the network over several sequences. The decoder architectures pack all their rows into
     * one set of matrix products (each sequence attends only to itself); this default runs
     * {@link #forward} one sequence after another. Results equal {@link #forward}'s up to float
     * rounding.
     *
     * @param batch sequences, each valid for {@link #forward}
     * @return the hidden states of each sequence, in order
     */
    default List<HiddenStates> forwardAll(List<int[]> batch) {
        List<HiddenStates> out = new ArrayList<>(batch.size());
        for (int[] ids : batch) {
            out.add(forward(ids));
        }
        return out;
    }

    /**
     * Appends ids to several states from {@link #startDecoding()} at once: with a cache, one set
     * of matrix products for all of them. This default appends one after another.
     *
     * @param states distinct states of this model
     * @param ids what to append to each, at least one id each
     * @return the hidden states of each state's appended positions, in order
     */
    default List<HiddenStates> appendAll(List<? extends Decoding> states, List<int[]> ids) {
        org.detectgpt.util.Args.check(states.size() == ids.size(), "%d states, %d id lists", states.size(), ids.size());
        List<HiddenStates> out = new ArrayList<>(states.size());
        for (int i = 0; i < states.size(); i++) {
            out.add(states.get(i).append(ids.get(i)));
        }
        return out;
    }
}
