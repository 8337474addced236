package org.detectgpt.tokenize;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import org.detectgpt.ModelFormatException;
import org.detectgpt.util.Args;

/**
 * The tokenizer of Karpathy's llama2.c models, read from its {@code tokenizer.bin} and
 * reproducing {@code run.c} exactly.
 *
 * <p>File format (little-endian): {@code int32 max_token_length}, then for each token {@code
 * float32 score, int32 length, length bytes} (the UTF-8 piece, with SentencePiece's {@code ▁}
 * already turned into a space). The number of tokens is not stored: it is the checkpoint's
 * {@code vocab_size}. Ids 0, 1, 2 are {@code <unk>}, BOS and EOS; ids 3 to 258 are the byte
 * tokens {@code <0x00>}…{@code <0xFF>}.
 *
 * <p>Encoding is {@code run.c}'s {@code encode(text, bos=1, eos=0)}:
 *
 * <ol>
 *   <li>start with BOS (id 1);
 *   <li>if the text is not empty, add the dummy-prefix token, the id of {@code " "} (the byte
 *       token of a space if the vocabulary lacks it);
 *   <li>for each UTF-8 code point of the text (at most 4 bytes), add the id of its piece, or
 *       when the vocabulary lacks it, one byte token ({@code byte + 3}) per byte;
 *   <li>repeatedly merge the adjacent pair whose concatenated piece is in the vocabulary with
 *       the highest score (the leftmost such pair on ties; scores must exceed {@code -1e10}),
 *       until no pair merges.
 * </ol>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Llama2cTokenizer implements Tokenizer {
    /** Begin-of-sequence id of every llama2.c vocabulary. */
    public static final int BOS = 1;

    /** End-of-sequence id of every llama2.c vocabulary. */
    public static final int EOS = 2;

    private static final int BYTE_OFFSET = 3;
    private static final int MIN_VOCAB = BYTE_OFFSET + 256;
    private static final float NO_SCORE = -1e10f;

    /** Pieces as ISO-8859-1 strings: one char per byte, so concatenation is byte concatenation. */
    private final String[] pieces;
    private final float[] scores;
    private final Map<String, Integer> ids;
    private final int spaceId;

    private Llama2cTokenizer(String[] pieces, float[] scores) {
        this.pieces = pieces;
        this.scores = scores;
        this.ids = new HashMap<>(pieces.length * 2);
        for (int i = 0; i < pieces.length; i++) {
            ids.putIfAbsent(pieces[i], i);
        }
        this.spaceId = ids.getOrDefault(" ", ' ' + BYTE_OFFSET);
    }

    /**
     * Reads a {@code tokenizer.bin} holding (at least) {@code vocabSize} tokens; bytes after
     * them are ignored, as {@code run.c} does.
     *
     * @param file the {@code tokenizer.bin}
     * @param vocabSize the checkpoint's vocabulary size
     * @return the tokenizer
     * @throws ModelFormatException if the file is missing, unreadable, truncated or malformed
     */
    public static Llama2cTokenizer load(Path file, int vocabSize) throws ModelFormatException {
        Args.positive(vocabSize, "vocabSize");
        return read(file, vocabSize);
    }

    /**
     * Reads every token of a {@code tokenizer.bin}, up to the end of the file.
     *
     * @param file the {@code tokenizer.bin}
     * @return the tokenizer
     * @throws ModelFormatException if the file is missing, unreadable, truncated or malformed
     */
    public static Llama2cTokenizer load(Path file) throws ModelFormatException {
        return read(file, -1);
    }

    private static Llama2cTokenizer read(Path file, int vocabSize) throws ModelFormatException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "no such file");
        } catch (IOException e) {
            throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file, "is a folder, not a llama2.c tokenizer.bin");
        }
        if (size < 4) {
            throw new ModelFormatException(
                    file, "too short for a llama2.c tokenizer (" + size + " bytes)");
        }
        // Every token takes at least 8 bytes (score and length), so the file bounds the count.
        long most = (size - 4) / 8;
        if (vocabSize > most) {
            throw new ModelFormatException(file, String.format(
                    "truncated or not a tokenizer.bin: its %d bytes hold at most %d of the %d"
                            + " tokens the model expects", size, most, vocabSize));
        }
        List<String> pieces = new ArrayList<>(vocabSize > 0 ? vocabSize : 1024);
        float[] scores = new float[vocabSize > 0 ? vocabSize : 1024];
        try (LeReader in = new LeReader(Files.newInputStream(file), size)) {
            int maxLength = in.readInt();
            if (maxLength <= 0 || maxLength > size) {
                throw new ModelFormatException(file, "max_token_length " + maxLength
                        + " is impossible: not a llama2.c tokenizer.bin?");
            }
            while (vocabSize < 0 ? in.remaining() > 0 : pieces.size() < vocabSize) {
                int i = pieces.size();
                if (in.remaining() < 8) {
                    throw new ModelFormatException(file, truncated(i, vocabSize, size));
                }
                float score = Float.intBitsToFloat(in.readInt());
                int length = in.readInt();
                if (length < 0 || length > maxLength) {
                    throw new ModelFormatException(file, String.format(
                            "token %d has length %d, outside [0, max_token_length %d]",
                            i, length, maxLength));
                }
                if (length > in.remaining()) {
                    throw new ModelFormatException(file, truncated(i, vocabSize, size));
                }
                if (i == scores.length) {
                    scores = Arrays.copyOf(scores, 2 * i);
                }
                scores[i] = score;
                pieces.add(new String(in.readBytes(length), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (pieces.size() < MIN_VOCAB) {
            throw new ModelFormatException(file, "has " + pieces.size() + " tokens; a llama2.c"
                    + " vocabulary has at least " + MIN_VOCAB + " (3 special and 256 byte tokens)");
        }
        return new Llama2cTokenizer(
                pieces.toArray(new String[0]), Arrays.copyOf(scores, pieces.size()));
    }

    private static String truncated(int token, int vocabSize, long size) {
        return "truncated: ends within token " + token
                + (vocabSize > 0 ? " of " + vocabSize : "") + " (" + size + " bytes)";
    }

    /**
     * Encodes a text as {@code run.c}'s {@code encode(text, bos=1, eos=0)} does (see the class
     * comment): the ids start with BOS, then a dummy-prefix space if the text is not empty.
     *
     * @param text any text, possibly empty
     * @return the token ids, BOS first
     */
    @Override
    public int[] encodeIds(String text) {
        return encode(text).ids();
    }

    /**
     * {@inheritDoc} BOS and the dummy-prefix space cover no text (empty spans at 0); a byte token
     * covers its whole character; a merged token covers what its two parts covered.
     */
    @Override
    public EncodedText encode(String text) {
        Args.notNull(text, "text");
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[2 + utf8.length];
        int[] starts = new int[tokens.length];
        int[] ends = new int[tokens.length];
        int n = 0;
        tokens[n++] = BOS;
        if (utf8.length > 0) {
            tokens[n++] = spaceId;
        }
        int chars = 0; // the UTF-16 offset of the code point at byte `start`
        for (int start = 0; start < utf8.length; ) {
            // A code point: a lead byte and its continuation bytes, at most 4 bytes in all.
            int end = start + 1;
            while (end < utf8.length && end - start < 4 && (utf8[end] & 0xC0) == 0x80) {
                end++;
            }
            String piece = new String(utf8, start, end - start, StandardCharsets.ISO_8859_1);
            int width = Character.charCount(text.codePointAt(Math.min(chars, text.length() - 1)));
            Integer id = ids.get(piece);
            if (id != null) {
                starts[n] = chars;
                ends[n] = chars + width;
                tokens[n++] = id;
            } else {
                for (int b = start; b < end; b++) {
                    starts[n] = chars;
                    ends[n] = chars + width;
                    tokens[n++] = (utf8[b] & 0xFF) + BYTE_OFFSET;
                }
            }
            chars += width;
            start = end;
        }
        return merge(tokens, starts, ends, n);
    }

    /** A mergeable adjacent pair, ordered by score (highest first), then position (leftmost). */
    private record Pair(float score, int left, int right, int leftToken, int rightToken,
            int merged) {}

    /**
     * Runs the merges of {@code run.c} in O(n log n): a heap of candidate pairs replaces its
     * rescan of all pairs after each merge. The pair chosen at each step is the same (highest
     * score, leftmost on ties), because positions in the linked list keep their original order.
     */
    private EncodedText merge(int[] tokens, int[] starts, int[] ends, int n) {
        int[] next = new int[n];
        int[] prev = new int[n];
        boolean[] dead = new boolean[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        PriorityQueue<Pair> heap = new PriorityQueue<>(Math.max(1, n), (a, b) -> {
            int c = Float.compare(b.score, a.score);
            return c != 0 ? c : Integer.compare(a.left, b.left);
        });
        for (int i = 0; i + 1 < n; i++) {
            offer(heap, tokens, i, i + 1);
        }
        int left = n;
        while (!heap.isEmpty()) {
            Pair p = heap.poll();
            if (dead[p.left] || dead[p.right] || next[p.left] != p.right
                    || tokens[p.left] != p.leftToken || tokens[p.right] != p.rightToken) {
                continue; // stale: one side was merged since this pair was offered
            }
            tokens[p.left] = p.merged;
            ends[p.left] = ends[p.right];
            dead[p.right] = true;
            left--;
            next[p.left] = next[p.right];
            if (next[p.right] >= 0) {
                prev[next[p.right]] = p.left;
            }
            if (prev[p.left] >= 0) {
                offer(heap, tokens, prev[p.left], p.left);
            }
            if (next[p.left] >= 0) {
                offer(heap, tokens, p.left, next[p.left]);
            }
        }
        int[] out = new int[left];
        int[] outStarts = new int[left];
        int[] outEnds = new int[left];
        for (int i = 0, k = 0; i >= 0 && k < left; i = next[i]) {
            outStarts[k] = starts[i];
            outEnds[k] = ends[i];
            out[k++] = tokens[i];
        }
        return new EncodedText(out, outStarts, outEnds);
    }

    private void offer(PriorityQueue<Pair> heap, int[] tokens, int left, int right) {
        Integer merged = ids.get(pieces[tokens[left]] + pieces[tokens[right]]);
        // run.c: best_score starts at -1e10 and only a strictly greater score wins (never NaN).
        if (merged != null && scores[merged] > NO_SCORE) {
            heap.add(new Pair(scores[merged], left, right, tokens[left], tokens[right], merged));
        }
    }

    /**
     * Decodes ids as {@code run.c} prints them: pieces concatenated, the leading space of a
     * piece that follows BOS dropped, byte tokens {@code <0xXX>} turned into their byte, the
     * bytes read as UTF-8 (malformed sequences become U+FFFD). BOS and EOS give no text.
     *
     * @param ids token ids, each in {@code [0, vocabSize())}
     * @return the text
     * @throws IllegalArgumentException if an id is out of range
     */
    @Override
    public String decode(int[] ids) {
        Args.notNull(ids, "ids");
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        int prev = -1;
        for (int id : ids) {
            Args.check(id >= 0 && id < pieces.length, "token id %d outside [0, %d)",
                    id, pieces.length);
            if (id != BOS && id != EOS) {
                String piece = pieces[id];
                int start = prev == BOS && piece.startsWith(" ") ? 1 : 0;
                int b = byteValue(piece);
                if (b >= 0) {
                    out.write(b);
                } else {
                    for (int i = start; i < piece.length(); i++) {
                        out.write(piece.charAt(i));
                    }
                }
            }
            prev = id;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return the byte a {@code <0xXX>} piece stands for, or -1 */
    private static int byteValue(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(piece.charAt(3), 16);
        int lo = Character.digit(piece.charAt(4), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    /** @return the number of tokens read from the file */
    @Override
    public int vocabSize() {
        return pieces.length;
    }

    /** @return {@link #BOS}, which {@link #encodeIds} always puts first */
    @Override
    public OptionalInt bosId() {
        return OptionalInt.of(BOS);
    }

    /** @return {@link #EOS} */
    @Override
    public OptionalInt eosId() {
        return OptionalInt.of(EOS);
    }

    /**
     * @param token a piece as stored in the file, e.g. {@code " Once"} or {@code "<0x0A>"}
     * @return its id (the first one if the file repeats it)
     */
    @Override
    public OptionalInt tokenToId(String token) {
        Args.notNull(token, "token");
        Integer id = ids.get(new String(
                token.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * @param id a token id in {@code [0, vocabSize())}
     * @return its piece as stored in the file (UTF-8 decoded)
     */
    public String piece(int id) {
        Args.check(id >= 0 && id < pieces.length, "token id %d outside [0, %d)",
                id, pieces.length);
        return new String(pieces[id].getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
    }

    /** @return the score of a token (higher merges first) */
    public float score(int id) {
        Args.check(id >= 0 && id < pieces.length, "token id %d outside [0, %d)",
                id, pieces.length);
        return scores[id];
    }

    /** Little-endian reads that count the bytes left, so no length is trusted blindly. */
    private static final class LeReader implements AutoCloseable {
        private final InputStream in;
        private long remaining;

        LeReader(InputStream in, long size) {
            this.in = new BufferedInputStream(in, 1 << 16);
            this.remaining = size;
        }

        long remaining() {
            return remaining;
        }

        int readInt() throws IOException {
            byte[] b = readBytes(4);
            return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
        }

        byte[] readBytes(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new EOFException("file shrank while being read");
            }
            remaining -= n;
            return b;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
