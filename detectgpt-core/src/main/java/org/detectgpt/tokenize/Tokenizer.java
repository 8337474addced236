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
 * EncodedText enc = tok.encode("Hello world");   // enc.id(1), enc.start(1), enc.end(1): "Hello" or " Hello"
 * String back = tok.decode(enc.ids());
 * int[] ids = tok.encodeIds("Hello world");        // the same ids, without the spans
 * }</pre>
 */
public interface Tokenizer {
    /**
     * Encodes a text into the ids the model expects, including the special tokens the
     * tokenizer itself adds (BOS for Llama-style and llama2.c tokenizers, EOS for T5, nothing
     * for GPT-2-style byte-level ones), each with the characters of {@code text} it covers, so
     * that scores per token can be put back on the text without searching for the tokens' strings.
     * Never truncates nor pads.
     *
     * @param text any text, possibly empty
     * @return the token ids with their character spans in {@code text} (a token that covers no text, such as
     *     an added BOS, has an empty span where it sits)
     */
    EncodedText encode(String text);

    /**
     * The ids of {@link #encode} alone, for callers that need no spans (scoring, training).
     *
     * @param text any text, possibly empty
     * @return the token ids
     */
    int[] encodeIds(String text);

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
     * @return the begin-of-sequence id, if the vocabulary has one ({@link #encodeIds} already puts
     *     it first when the tokenizer adds it)
     */
    OptionalInt bosId();

    /** @return the end-of-sequence id, if any */
    OptionalInt eosId();

    /** @return the id of a token given as its string form, if the vocabulary has it */
    OptionalInt tokenToId(String token);
}
