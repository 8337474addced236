package org.detectgpt.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.detectgpt.DetectGptException;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.detect.ScoredSentence;

/**
 * The JSON Lines report: one JSON object per document, written and flushed to disk as each
 * document finishes, so a crash loses nothing already written; {@code --resume} reads it back.
 *
 * <p>Fields: {@code path, sha256, verdict, score, human_percentile, language, words, model,
 * criterion, reason, format, sentences[{text, score, highlight, paragraph_end}]}; numbers that
 * do not apply are {@code null}.
 *
 * <p>A writer opened to append first cuts a torn last line (a crash in the middle of a write),
 * so the file stays one object per line. Writes are synchronized: one writer may be shared by
 * the scanning threads.
 */
public final class JsonlReport implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;

    private JsonlReport(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * @param file the report file
     * @param append keep what is there (cutting a torn last line) rather than start afresh
     * @return a writer
     * @throws DetectGptException if the file cannot be opened
     */
    public static JsonlReport open(Path file, boolean append) throws DetectGptException {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.READ : StandardOpenOption.TRUNCATE_EXISTING);
            if (append) {
                ch.truncate(endOfLastLine(ch));
                ch.position(ch.size());
            }
            return new JsonlReport(file, ch);
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** @return the size the file has without a torn last line: just after its last newline */
    private static long endOfLastLine(FileChannel ch) throws IOException {
        long pos = ch.size();
        ByteBuffer b = ByteBuffer.allocate(8192);
        while (pos > 0) {
            int len = (int) Math.min(b.capacity(), pos);
            b.clear().limit(len);
            ch.read(b, pos - len);
            for (int i = len - 1; i >= 0; i--) {
                if (b.get(i) == '\n') {
                    return pos - len + i + 1;
                }
            }
            pos -= len;
        }
        return 0;
    }

    /**
     * Appends one document and forces it to disk.
     *
     * @param r the document's report
     * @throws DetectGptException if the write fails
     */
    public synchronized void write(DocumentReport r) throws DetectGptException {
        try {
            byte[] line = (MAPPER.writeValueAsString(toJson(r)) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws DetectGptException {
        try {
            channel.close();
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot close: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a report back. Lines that are not a complete report (a torn last line) are skipped.
     *
     * @param file the report file; a missing file reads as empty
     * @return the documents, in file order
     * @throws DetectGptException if the file exists but cannot be read
     */
    public static List<DocumentReport> read(Path file) throws DetectGptException {
        List<DocumentReport> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(fromJson(MAPPER.readTree(line)));
                } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                    // a torn or foreign line: resume scores that document again
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    /** @return the JSON object of one document */
    public static ObjectNode toJson(DocumentReport d) {
        Row r = Row.of(d);
        ObjectNode o = MAPPER.createObjectNode();
        o.put("path", r.path());
        o.put("sha256", r.sha256());
        o.put("verdict", r.label());
        putNumber(o, "score", r.score());
        putNumber(o, "probability", r.probability());
        putNumber(o, "human_percentile", r.humanPercentile());
        putNumber(o, "machine_percentile", r.machinePercentile());
        o.put("language", r.language());
        if (r.words() >= 0) {
            o.put("words", r.words());
        } else {
            o.putNull("words");
        }
        o.put("model", r.model());
        o.put("criterion", r.criterion());
        o.put("reason", r.reason());
        o.put("format", r.format());
        ArrayNode sentences = o.putArray("sentences");
        for (ScoredSentence s : r.sentences()) {
            ObjectNode so = sentences.addObject();
            so.put("text", s.text());
            putNumber(so, "score", s.score());
            so.put("highlight", s.highlighted());
            so.put("paragraph_end", s.paragraphEnd());
        }
        return o;
    }

    /**
     * @param o the JSON object of one document
     * @return the report
     * @throws IllegalArgumentException if a required field is missing or the verdict is unknown
     */
    public static DocumentReport fromJson(JsonNode o) {
        List<ScoredSentence> sentences = new ArrayList<>();
        for (JsonNode s : o.path("sentences")) {
            sentences.add(new ScoredSentence(s.path("text").asText(), number(s.get("score")),
                s.path("highlight").asBoolean(), s.path("paragraph_end").asBoolean()));
        }
        if (!o.hasNonNull("path") || !o.hasNonNull("verdict") || !o.hasNonNull("criterion")) {
            throw new IllegalArgumentException("not a document report");
        }
        String path = o.get("path").asText();
        String label = o.get("verdict").asText();
        String criterion = o.get("criterion").asText();
        String sha = text(o, "sha256");
        if (label.equals(DocumentReport.ERROR)) {
            return new DocumentReport.Failed(path, Optional.ofNullable(sha), criterion, text(o, "reason"));
        }
        int words = o.get("words").asInt();
        if (label.equals(DocumentReport.TOO_SHORT)) {
            return new DocumentReport.TooShort(path, sha, criterion, text(o, "language"), words, text(o, "model"),
                text(o, "reason"), text(o, "format"), sentences);
        }
        return new DocumentReport.Scored(path, sha, criterion, Verdict.fromLabel(label), number(o.get("score")),
            number(o.get("probability")), number(o.get("human_percentile")), number(o.get("machine_percentile")),
            text(o, "language"), words, text(o, "model"), Optional.ofNullable(text(o, "reason")), text(o, "format"),
            sentences);
    }

    private static String text(JsonNode o, String key) {
        return o.hasNonNull(key) ? o.get(key).asText() : null;
    }

    private static double number(JsonNode v) {
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    /** JSON has no NaN or infinity: write null for those. */
    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
