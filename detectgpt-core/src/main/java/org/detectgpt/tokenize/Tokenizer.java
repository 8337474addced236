package org.detectgpt.tokenize;

import java.util.OptionalInt;

/**
 * Turns text into the token ids a language model was trained on, and back.
 *
 * <p>Implementations are immutable and safe to share between threads. They never truncate or
 * pad: a text of any length gives all of its tokens (windowing over long texts is the scoring
 * layer's job).
 *
 * <pre>{@code
 * Tokenizer tok = HfTokenizer.load(Path.of("gpt2/tokenizer.json"));
 * int[] ids = tok.encode("Hello world");
 * String back = tok.decode(ids);
 * EncodedText spans = tok.encodeWithSpans("Hello world");   // spans.start(1), spans.end(1): "Hello" or " Hello"
 * }</pre>
 */
public interface Tokenizer {
    /**
     * Encodes a text into the ids the model expects, including the special tokens the
     * tokenizer itself adds: BOS for Llama-style and llama2.c tokenizers, EOS for T5, nothing
     * for GPT-2-style byte-level ones. Never truncates nor pads.
     *
     * @param text any text, possibly empty
     * @return the token ids
     */
    int[] encode(String text);

    /**
     * Encodes a text as {@link #encode} does and says which characters each token covers, so that
     * scores per token can be put back on the text without searching for the tokens' strings.
     *
     * @param text any text, possibly empty
     * @return the ids of {@link #encode} with their character spans in {@code text}
     */
    EncodedText encodeWithSpans(String text);

    /**
     * Decodes ids back to text.
     *
     * @param ids token ids
     * @return the text they stand for
     */
    String decode(int[] ids);

    /**
     * The text of one token on its own, as {@code decode(new int[] {id})} gives it (a byte-level
     * token that is part of a UTF-8 sequence decodes to U+FFFD). Implementations may cache it: the
     * detector asks for every scored token.
     *
     * @param id a token id
     * @return the token's text
     */
    default String piece(int id) {
        return decode(new int[] {id});
    }

    /** @return the number of distinct token ids, including special tokens */
    int vocabSize();

    /**
     * @return the begin-of-sequence id, if the vocabulary has one ({@link #encode} already puts
     *     it first when the tokenizer adds it)
     */
    OptionalInt bosId();

    /** @return the end-of-sequence id, if any */
    OptionalInt eosId();

    /** @return the id of a token given as its string form, if the vocabulary has it */
    OptionalInt tokenToId(String token);
}
