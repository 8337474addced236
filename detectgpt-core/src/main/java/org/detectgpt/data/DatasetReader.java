package org.detectgpt.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.detectgpt.DetectGptException;
import org.detectgpt.util.Args;

/**
 * Reads an evaluation data set, detecting its format from the content (UTF-8 JSON):
 * <ol>
 *   <li><b>fast-detect-gpt</b>: one object {@code {"original": [text...], "sampled": [text...]}};
 *       {@code original} texts are human-written, {@code sampled} machine-written (item i of
 *       both share a prefix). Any other key is ignored.</li>
 *   <li><b>JSONL</b>: one object per line, {@code {"text": ..., "label": ...}} with label
 *       {@code 1} (or {@code true}, {@code "1"}) = machine and {@code 0} (or {@code false},
 *       {@code "0"}) = human (HC3-Plus, stories-whitebox); other keys are ignored, blank lines
 *       skipped.</li>
 *   <li><b>MixSet</b>: one JSON list of objects, told apart by the keys of its first item:
 *     <ul>
 *       <li>a {@code binary} key ({@code Mixset_test.json}): text {@code revised}, label
 *           {@code HWT} = human, {@code MGT} = machine (MixSet's own labels);</li>
 *       <li>one key ending in {@code _output} ({@code revised/*.json}, e.g.
 *           {@code gpt4_polish_token_output}): text = that field; label <b>human</b> when the
 *           key contains {@code humanize} (machine texts rewritten by an LLM to read as human)
 *           and <b>machine</b> otherwise (human texts polished, rewritten or completed by an LLM,
 *           and machine texts polished again). This is the labelling of MixSet's own binary test
 *           set, where {@code *_humanize} items are HWT and every other revision MGT. Only the
 *           revised texts are read (the source field {@code HWT_sentence}/{@code MGT_sentence}
 *           is ignored), so a revised file yields one class: pair it with a
 *           {@code pure/} file through {@link EvalDataset#concat(String, List)} for ROC
 *           metrics;</li>
 *       <li>{@code HWT_sentence} ({@code pure/HWT_original_data.json}): human;</li>
 *       <li>{@code MGT_sentence} ({@code pure/MGT_original_data.json}): machine.</li>
 *     </ul></li>
 * </ol>
 * Texts are returned exactly as stored (collapse whitespace with
 * {@code EvalDataset.mapTexts(Whitespace::collapse)} before scoring).
 *
 * <p>Every problem is a {@link DetectGptException} with a one-line message
 * {@code "<file>: <problem>"}: file missing or unreadable, malformed JSON (with line and column),
 * unknown format (with the keys found), a missing or mistyped field (with the line, or the item
 * index inside a JSON list), an invalid label, or no texts at all.
 */
public final class DatasetReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> SPLIT_DIRS = Set.of("train", "validation", "valid", "val",
        "dev", "test");
    private static final String[] EXTENSIONS = {".raw_data.json", ".jsonl", ".json"};
    private static final int MAX_DETAIL = 160;

    private DatasetReader() {}

    /** A root JSON value with the line it starts on, and the start lines of its array items. */
    private record Root(JsonNode node, int line, List<Integer> itemLines) {}

    /**
     * Reads a data set named after its path ({@link #nameOf(Path)}).
     *
     * @param file a data file
     * @return the data set
     * @throws DetectGptException when the file cannot be read or is not a known format
     */
    public static EvalDataset read(Path file) throws DetectGptException {
        return read(file, nameOf(file));
    }

    /**
     * @param file a data file
     * @param name the data set's display name
     * @return the data set
     * @throws DetectGptException when the file cannot be read or is not a known format
     */
    public static EvalDataset read(Path file, String name) throws DetectGptException {
        Args.notNull(file, "file");
        Args.notNull(name, "name");
        List<Root> roots = parse(file);
        List<LabeledText> items;
        if (roots.isEmpty()) {
            throw problem(file, "empty file, no JSON value");
        }
        JsonNode first = roots.get(0).node();
        if (roots.size() == 1 && first.isObject()
                && (first.has("original") || first.has("sampled"))) {
            items = readFastDetectGpt(file, first);
        } else if (roots.size() == 1 && first.isArray()) {
            items = readMixSet(file, roots.get(0));
        } else if (first.isObject() && first.has("text")) {
            items = readJsonl(file, roots);
        } else {
            throw problem(file, "unknown format: expected {\"original\", \"sampled\"}, JSONL of "
                + "{\"text\", \"label\"} or a MixSet list; found " + describe(first)
                + (roots.size() > 1 ? " followed by " + (roots.size() - 1) + " more values" : ""));
        }
        if (items.isEmpty()) {
            throw problem(file, "no texts");
        }
        return new EvalDataset(name, items);
    }

    /**
     * The display name of a data file: its name without {@code .raw_data.json}, {@code .jsonl}
     * or {@code .json}, prefixed by its folders below the nearest ancestor folder named
     * {@code eval} (as in {@code data/eval/}), e.g.
     * {@code fast-detect-gpt-open/validation/xsum_gpt2-xl}. Without such an ancestor the prefix
     * is the enclosing split folders ({@code train, validation, valid, val, dev, test}), if any,
     * and the one folder above them, e.g. {@code pure/validation/HWT_original_data}; a file
     * outside split folders is named by its stem alone.
     *
     * @param file a data file
     * @return its display name, folders separated by {@code /}
     */
    public static String nameOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String stem = stem(abs.getFileName() == null ? abs.toString()
            : abs.getFileName().toString());
        List<String> parts = new ArrayList<>();
        Path dir = abs.getParent();
        for (Path d = dir; d != null && d.getFileName() != null; d = d.getParent()) {
            if (d.getFileName().toString().equals("eval")) {
                for (Path part : d.relativize(dir)) {
                    if (!part.toString().isEmpty()) {
                        parts.add(part.toString());
                    }
                }
                parts.add(stem);
                return String.join("/", parts);
            }
        }
        Path d = dir;
        boolean split = false;
        while (d != null && d.getFileName() != null
                && SPLIT_DIRS.contains(d.getFileName().toString().toLowerCase(Locale.ROOT))) {
            parts.add(0, d.getFileName().toString());
            split = true;
            d = d.getParent();
        }
        if (split && d != null && d.getFileName() != null) {
            parts.add(0, d.getFileName().toString());
        }
        parts.add(stem);
        return String.join("/", parts);
    }

    private static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return fileName.substring(0, fileName.length() - ext.length());
            }
        }
        return fileName;
    }

    private static List<Root> parse(Path file) throws DetectGptException {
        if (Files.isDirectory(file)) {
            throw problem(file, "is a directory, expected a data file");
        }
        List<Root> roots = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = MAPPER.createParser(in)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (token == JsonToken.START_ARRAY) {
                    List<Integer> itemLines = new ArrayList<>();
                    var array = MAPPER.createArrayNode();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        itemLines.add(p.currentTokenLocation().getLineNr());
                        array.add((JsonNode) MAPPER.readTree(p));
                    }
                    roots.add(new Root(array, line, itemLines));
                } else {
                    roots.add(new Root(MAPPER.readTree(p), line, List.of()));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column "
                + at.getColumnNr();
            throw problem(file, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (NoSuchFileException e) {
            throw problem(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw problem(file, "cannot read: permission denied", e);
        } catch (IOException e) {
            throw problem(file, "cannot read: " + e, e);
        }
        return roots;
    }

    private static List<LabeledText> readFastDetectGpt(Path file, JsonNode root)
            throws DetectGptException {
        List<LabeledText> items = new ArrayList<>();
        readTextArray(file, root, "original", Label.HUMAN, items);
        readTextArray(file, root, "sampled", Label.MACHINE, items);
        return items;
    }

    private static void readTextArray(Path file, JsonNode root, String field, Label label,
            List<LabeledText> out) throws DetectGptException {
        JsonNode array = root.get(field);
        if (array == null) {
            throw problem(file, "missing field \"" + field + "\" (fast-detect-gpt format)");
        }
        if (!array.isArray()) {
            throw problem(file, "field \"" + field + "\" is not a list");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode text = array.get(i);
            if (!text.isTextual()) {
                throw problem(file, "\"" + field + "\"[" + i + "] is not a string: "
                    + describe(text));
            }
            out.add(new LabeledText(text.asText(), label));
        }
    }

    private static List<LabeledText> readJsonl(Path file, List<Root> roots)
            throws DetectGptException {
        List<LabeledText> items = new ArrayList<>(roots.size());
        for (Root root : roots) {
            String at = "line " + root.line();
            JsonNode node = root.node();
            if (!node.isObject()) {
                throw problem(file, at + ": expected a JSON object, found " + describe(node));
            }
            String text = textField(file, node, "text", at);
            JsonNode label = node.get("label");
            if (label == null) {
                throw problem(file, at + ": missing field \"label\"");
            }
            items.add(new LabeledText(text, jsonlLabel(file, label, at), node.path("source").asText(""),
                node.path("generator").asText("")));
        }
        return items;
    }

    private static Label jsonlLabel(Path file, JsonNode label, String at)
            throws DetectGptException {
        if (label.isBoolean()) {
            return Label.of(label.booleanValue());
        }
        if (label.isIntegralNumber() && label.canConvertToLong()) {
            long v = label.longValue();
            if (v == 0 || v == 1) {
                return Label.of(v == 1);
            }
        }
        if (label.isTextual() && (label.textValue().equals("0") || label.textValue().equals("1"))) {
            return Label.of(label.textValue().equals("1"));
        }
        throw problem(file, at + ": \"label\" must be 0 (human) or 1 (machine), found "
            + describe(label));
    }

    private static List<LabeledText> readMixSet(Path file, Root root) throws DetectGptException {
        JsonNode array = root.node();
        if (array.isEmpty()) {
            throw problem(file, "empty list, no texts");
        }
        JsonNode first = array.get(0);
        if (!first.isObject()) {
            throw problem(file, "unknown format: a list of " + describe(first)
                + ", expected MixSet objects");
        }
        String textField;
        Label fixed;
        boolean binary = false;
        String output = outputField(file, first);
        if (first.has("binary")) {
            textField = "revised";
            fixed = null;
            binary = true;
        } else if (output != null) {
            textField = output;
            fixed = output.contains("humanize") ? Label.HUMAN : Label.MACHINE;
        } else if (first.has("HWT_sentence")) {
            textField = "HWT_sentence";
            fixed = Label.HUMAN;
        } else if (first.has("MGT_sentence")) {
            textField = "MGT_sentence";
            fixed = Label.MACHINE;
        } else {
            throw problem(file, "unknown format: a list of " + describe(first) + "; expected "
                + "MixSet items with \"binary\", \"*_output\", \"HWT_sentence\" or "
                + "\"MGT_sentence\"");
        }
        List<LabeledText> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = "item [" + i + "] at line " + root.itemLines().get(i);
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                throw problem(file, at + ": expected a JSON object, found " + describe(item));
            }
            String text = textField(file, item, textField, at);
            Label label = binary ? binaryLabel(file, item, at) : fixed;
            items.add(new LabeledText(text, label));
        }
        return items;
    }

    private static String outputField(Path file, JsonNode item) throws DetectGptException {
        String found = null;
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.endsWith("_output")) {
                if (found != null) {
                    throw problem(file, "unknown format: MixSet item with two revised fields, \""
                        + found + "\" and \"" + key + "\"");
                }
                found = key;
            }
        }
        return found;
    }

    private static Label binaryLabel(Path file, JsonNode item, String at)
            throws DetectGptException {
        JsonNode binary = item.get("binary");
        if (binary == null) {
            throw problem(file, at + ": missing field \"binary\"");
        }
        if (binary.isTextual()) {
            String v = binary.textValue().trim().toUpperCase(Locale.ROOT);
            if (v.equals("HWT")) {
                return Label.HUMAN;
            }
            if (v.equals("MGT")) {
                return Label.MACHINE;
            }
        }
        throw problem(file, at + ": \"binary\" must be \"HWT\" or \"MGT\", found "
            + describe(binary));
    }

    private static String textField(Path file, JsonNode node, String field, String at)
            throws DetectGptException {
        JsonNode text = node.get(field);
        if (text == null) {
            throw problem(file, at + ": missing field \"" + field + "\"");
        }
        if (!text.isTextual()) {
            throw problem(file, at + ": field \"" + field + "\" is not a string: "
                + describe(text));
        }
        return text.textValue();
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            return shorten("an object with keys " + keys);
        }
        if (node.isArray()) {
            return "a list of " + node.size();
        }
        return shorten(node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node);
    }

    private static String shorten(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "...";
    }

    private static DetectGptException problem(Path file, String message) {
        return new DetectGptException(oneLine(file + ": " + message));
    }

    private static DetectGptException problem(Path file, String message, Throwable cause) {
        return new DetectGptException(oneLine(file + ": " + message), cause);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
