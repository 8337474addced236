package org.detectgpt.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.ref.Reference;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.detectgpt.ModelFormatException;
import org.detectgpt.util.Args;

/**
 * A Hugging Face {@code tokenizer.json}, run by the Rust {@code tokenizers} library through
 * DJL, offline.
 *
 * <p>{@link #encodeIds} gives the ids the model expects: the tokenizer's own normalizer,
 * pre-tokenizer and model, then the special tokens its post-processor adds (a Llama or T5
 * template adds BOS or EOS; GPT-2's ByteLevel post-processor adds nothing). Truncation and
 * padding are always off, whatever the file or DJL's defaults (512) say. {@link #decode} keeps
 * special tokens and applies no clean-up of spaces, so it inverts {@link #encodeIds} for byte-level
 * tokenizers.
 *
 * <p>Thread-safe: calls into the native tokenizer are serialized (tokenizing is cheap next to
 * running the model). The native handle is released when this object is garbage collected; the
 * model that holds the tokenizer keeps it for its lifetime, so there is nothing to close.
 */
public final class HfTokenizer implements Tokenizer {
    static {
        // DJL reports usage to AWS when it runs on EC2 unless told not to; detectgpt is offline.
        if (System.getenv("OPT_OUT_TRACKING") == null
                && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VOCAB = 1 << 24;
    private static final List<String> BOS_NAMES =
            List.of("<s>", "<|begin_of_text|>", "<bos>", "<|endoftext|>");
    private static final List<String> EOS_NAMES =
            List.of("</s>", "<|end_of_text|>", "<eos>", "<|endoftext|>");

    private final HuggingFaceTokenizer hf;
    private final Map<String, Integer> ids;
    private final String[] tokens;
    /** {@link #piece} per id, filled on first use: one native decode per id instead of per scored token. */
    private final AtomicReferenceArray<String> pieces;
    private final OptionalInt bos;
    private final OptionalInt eos;

    private HfTokenizer(HuggingFaceTokenizer hf, Map<String, Integer> ids, String[] tokens,
            OptionalInt bos, OptionalInt eos) {
        this.hf = hf;
        this.ids = ids;
        this.tokens = tokens;
        this.pieces = new AtomicReferenceArray<>(tokens.length);
        this.bos = bos;
        this.eos = eos;
    }

    /**
     * Loads a {@code tokenizer.json}. The file is first checked with Jackson, so that a missing
     * or malformed file gives a clean one-line message rather than a native error.
     *
     * @param tokenizerJson path of the {@code tokenizer.json} file
     * @return the tokenizer
     * @throws ModelFormatException if the file is missing, is not JSON, or is not a tokenizer
     *     the {@code tokenizers} library can run
     */
    public static HfTokenizer load(Path tokenizerJson) throws ModelFormatException {
        Path file = Args.notNull(tokenizerJson, "tokenizerJson");
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file, "is a folder, not a tokenizer.json file");
        }
        JsonNode root;
        // tokenizer.json is UTF-8 (serde_json requires it): decode strictly, so that a binary
        // file is reported as such rather than as a character set Jackson guessed.
        try (Reader in = new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder())) {
            root = JSON.readTree(in);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "no such file");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String problem = oneLine(e.getOriginalMessage());
            int marker = problem.indexOf(" (start marker at");
            throw new ModelFormatException(file, "not valid JSON" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + (marker > 0 ? problem.substring(0, marker) : problem)
                    + (e instanceof JsonEOFException ? " (truncated file?)" : ""), e);
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(file, "not a tokenizer.json: not UTF-8 text", e);
        } catch (IOException e) {
            throw new ModelFormatException(file, "cannot be read: " + oneLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(file, "not a tokenizer.json: no JSON object");
        }
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject() && !vocab.isArray()) {
            throw new ModelFormatException(file, "not a tokenizer.json: no model.vocab");
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        if (vocab.isObject()) { // BPE, WordPiece, WordLevel: {"token": id}
            for (Map.Entry<String, JsonNode> e : vocab.properties()) {
                int id = id(file, e.getValue(), "model.vocab");
                ids.put(e.getKey(), id);
                names.putIfAbsent(id, e.getKey());
            }
        } else { // Unigram: [["token", score], ...], the id is the index
            for (int i = 0; i < vocab.size(); i++) {
                JsonNode piece = vocab.get(i).path(0);
                if (!piece.isTextual()) {
                    throw new ModelFormatException(file, "model.vocab[" + i + "] is not a"
                            + " [token, score] pair");
                }
                ids.put(piece.asText(), i); // a repeated piece maps to its last id, as in Rust
                names.put(i, piece.asText());
            }
        }
        for (JsonNode added : root.path("added_tokens")) {
            JsonNode content = added.path("content");
            if (!content.isTextual()) {
                throw new ModelFormatException(file, "added_tokens entry without content");
            }
            int id = id(file, added.path("id"), "added_tokens");
            ids.put(content.asText(), id);
            names.put(id, content.asText()); // an added token names its id
        }
        int maxId = names.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        if (maxId < 0) {
            throw new ModelFormatException(file, "not a tokenizer.json: empty vocabulary");
        }
        if (maxId >= MAX_VOCAB) {
            throw new ModelFormatException(file, "token id " + maxId
                    + " is implausibly large (more than " + MAX_VOCAB + " tokens)");
        }
        int size = maxId + 1;
        String[] tokens = new String[size];
        names.forEach((id, token) -> tokens[id] = token);
        OptionalInt bos = templateSpecial(root.path("post_processor"), ids, true);
        OptionalInt eos = templateSpecial(root.path("post_processor"), ids, false);
        return new HfTokenizer(build(file), Map.copyOf(ids), tokens,
                bos.isPresent() ? bos : byName(ids, BOS_NAMES),
                eos.isPresent() ? eos : byName(ids, EOS_NAMES));
    }

    private static HuggingFaceTokenizer build(Path file) throws ModelFormatException {
        try {
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(true)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(file, "not a tokenizer the Hugging Face tokenizers"
                    + " library can load (" + oneLine(e.getMessage()) + ")", e);
        }
    }

    private static int id(Path file, JsonNode node, String where) throws ModelFormatException {
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
            throw new ModelFormatException(file, where + " holds a token id that is not a"
                    + " non-negative integer: " + oneLine(node.toString()));
        }
        return node.intValue();
    }

    /**
     * @return the special token a TemplateProcessing post-processor (alone or in a Sequence)
     *     puts first ({@code first}) or last in a single sequence
     */
    private static OptionalInt templateSpecial(JsonNode post, Map<String, Integer> ids,
            boolean first) {
        if ("Sequence".equals(post.path("type").asText())) {
            for (JsonNode p : post.path("processors")) {
                OptionalInt id = templateSpecial(p, ids, first);
                if (id.isPresent()) {
                    return id;
                }
            }
            return OptionalInt.empty();
        }
        JsonNode single = post.path("single");
        if (!"TemplateProcessing".equals(post.path("type").asText()) || single.size() == 0) {
            return OptionalInt.empty();
        }
        JsonNode special = single.get(first ? 0 : single.size() - 1).path("SpecialToken");
        if (!special.isObject()) {
            return OptionalInt.empty();
        }
        String name = special.path("id").asText();
        JsonNode listed = post.path("special_tokens").path(name).path("ids").path(0);
        if (listed.canConvertToInt() && listed.intValue() >= 0) {
            return OptionalInt.of(listed.intValue());
        }
        Integer id = ids.get(name);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    private static OptionalInt byName(Map<String, Integer> ids, List<String> names) {
        for (String name : names) {
            Integer id = ids.get(name);
            if (id != null) {
                return OptionalInt.of(id);
            }
        }
        return OptionalInt.empty();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /**
     * Encodes a text with the tokenizer's normalizer, pre-tokenizer and model, then adds the
     * special tokens of its post-processor (for example BOS for Llama, EOS for T5, none for
     * GPT-2). Never truncates nor pads.
     *
     * @param text any text, possibly empty
     * @return the token ids
     */
    @Override
    public int[] encodeIds(String text) {
        Args.notNull(text, "text");
        long[] longs;
        synchronized (hf) {
            try {
                longs = hf.encode(text, true, false).getIds();
            } finally {
                Reference.reachabilityFence(hf);
            }
        }
        int[] out = new int[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(longs[i]);
        }
        return out;
    }

    /**
     * {@inheritDoc} The spans are the tokenizer's own offsets (in the original text, through its
     * normalizer); a special token without one gets an empty span after the token before it.
     */
    @Override
    public EncodedText encode(String text) {
        Args.notNull(text, "text");
        Encoding encoding;
        synchronized (hf) {
            try {
                encoding = hf.encode(text, true, false);
            } finally {
                Reference.reachabilityFence(hf);
            }
        }
        long[] longs = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] ids = new int[longs.length];
        int[] starts = new int[longs.length];
        int[] ends = new int[longs.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Math.toIntExact(longs[i]);
            // offsets count code points; a token without offsets sits where the previous one ended
            CharSpan sp = spans == null || i >= spans.length ? null : spans[i];
            int previousStart = i == 0 ? 0 : starts[i - 1];
            starts[i] = sp == null ? (i == 0 ? 0 : ends[i - 1]) : Math.max(previousStart, sp.getStart());
            ends[i] = sp == null ? starts[i] : Math.max(starts[i], sp.getEnd());
        }
        return EncodedText.fromCodePoints(text, ids, starts, ends);
    }

    /**
     * Encodes a text as {@link #encodeIds} does and returns the token strings the tokenizer reports
     * for it (for an unknown piece, the text it covers rather than the unknown token).
     *
     * @param text any text, possibly empty
     * @return one string per id of {@link #encodeIds}
     */
    public String[] encodeTokens(String text) {
        Args.notNull(text, "text");
        synchronized (hf) {
            try {
                Encoding encoding = hf.encode(text, true, false);
                return encoding.getTokens();
            } finally {
                Reference.reachabilityFence(hf);
            }
        }
    }

    /**
     * Decodes ids with the tokenizer's decoder, keeping special tokens (they appear as their
     * text, e.g. {@code </s>}) and without clean-up of spaces.
     *
     * @param ids token ids, each in {@code [0, vocabSize())}
     * @return the text
     * @throws IllegalArgumentException if an id is out of range
     */
    @Override
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    @Override
    public String piece(int id) {
        Args.check(id >= 0 && id < tokens.length, "token id %d outside [0, %d)", id, tokens.length);
        String p = pieces.get(id);
        if (p == null) {
            p = decode(new int[] {id});
            pieces.set(id, p);
        }
        return p;
    }

    /**
     * Decodes ids with the tokenizer's decoder, without clean-up of spaces.
     *
     * @param ids token ids, each in {@code [0, vocabSize())}
     * @param skipSpecialTokens whether special tokens (BOS, EOS, ...) are left out of the text
     * @return the text
     * @throws IllegalArgumentException if an id is out of range
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        Args.notNull(ids, "ids");
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Args.check(ids[i] >= 0 && ids[i] < tokens.length, "token id %d outside [0, %d)",
                    ids[i], tokens.length);
            longs[i] = ids[i];
        }
        synchronized (hf) {
            try {
                return hf.decode(longs, skipSpecialTokens);
            } finally {
                Reference.reachabilityFence(hf);
            }
        }
    }

    /**
     * @param ids token ids, each in {@code [0, vocabSize())}
     * @return the vocabulary string of each id, e.g. {@code "Ġthe"} (null for an id no token
     *     has)
     */
    public String[] tokens(int[] ids) {
        Args.notNull(ids, "ids");
        String[] out = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Args.check(ids[i] >= 0 && ids[i] < tokens.length, "token id %d outside [0, %d)",
                    ids[i], tokens.length);
            out[i] = tokens[ids[i]];
        }
        return out;
    }

    /**
     * @return one more than the largest id of the model's vocabulary and the added tokens (a
     *     model's embedding matrix may have more rows)
     */
    @Override
    public int vocabSize() {
        return tokens.length;
    }

    /**
     * @return the special token the post-processor template puts first, else the added token
     *     named {@code <s>}, {@code <|begin_of_text|>}, {@code <bos>} or {@code <|endoftext|>};
     *     {@link #encodeIds} already adds it when the template does
     */
    @Override
    public OptionalInt bosId() {
        return bos;
    }

    /**
     * @return the special token the post-processor template puts last, else the token named
     *     {@code </s>}, {@code <|end_of_text|>}, {@code <eos>} or {@code <|endoftext|>}
     */
    @Override
    public OptionalInt eosId() {
        return eos;
    }

    /**
     * @param token a vocabulary string, e.g. {@code "Ġthe"} or {@code "<|endoftext|>"}
     * @return its id, if the model vocabulary or the added tokens have it
     */
    @Override
    public OptionalInt tokenToId(String token) {
        Integer id = ids.get(Args.notNull(token, "token"));
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
