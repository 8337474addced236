package org.detectgpt.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.detectgpt.DetectGptException;

/**
 * Writes the {@code tokenizer.json} files of detectgpt's own models (loaded by DJL like any
 * Hugging Face tokenizer).
 *
 * <ul>
 *   <li>{@link #truncatedGpt2}: GPT-2's byte-level BPE cut to its first N merges. GPT-2's vocabulary
 *       lists the 256 byte symbols first and then the result of merge i at id 256 + i, so the
 *       first N merges with ids below 256 + N form a valid, smaller BPE; {@code <|endoftext|>}
 *       becomes id 256 + N.</li>
 *   <li>{@link #characters}: one token per character for the most frequent characters of a
 *       corpus, with byte fallback ({@code <0x00>}…{@code <0xFF>}) for every other character —
 *       Chinese has no spaces to split words on, and a character model needs no segmenter.</li>
 * </ul>
 */
public final class TokenizerFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFiles() {}

    /**
     * @param gpt2 GPT-2's {@code tokenizer.json}
     * @param merges merges to keep
     * @param out the file to write
     * @throws DetectGptException if the input is not GPT-2's tokenizer
     * @throws IOException on a write failure
     */
    public static void truncatedGpt2(Path gpt2, int merges, Path out) throws DetectGptException, IOException {
        JsonNode root = JSON.readTree(gpt2.toFile());
        ObjectNode model = (ObjectNode) root.get("model");
        JsonNode vocab = model.get("vocab");
        JsonNode allMerges = model.get("merges");
        if (vocab == null || allMerges == null || allMerges.size() < merges) {
            throw new DetectGptException(gpt2 + ": not a GPT-2 BPE tokenizer with " + merges + " merges");
        }
        ObjectNode newVocab = JSON.createObjectNode();
        vocab.fields().forEachRemaining(e -> {
            if (e.getValue().asInt() < 256 + merges) {
                newVocab.put(e.getKey(), e.getValue().asInt());
            }
        });
        ArrayNode newMerges = JSON.createArrayNode();
        for (int i = 0; i < merges; i++) {
            JsonNode m = allMerges.get(i);
            String merged = m.isTextual() ? m.asText().replace(" ", "") : m.get(0).asText() + m.get(1).asText();
            if (vocab.path(merged).asInt(-1) != 256 + i) {
                throw new DetectGptException(gpt2 + ": merge " + i + " does not produce id " + (256 + i));
            }
            newMerges.add(m);
        }
        int eos = 256 + merges;
        newVocab.put("<|endoftext|>", eos);
        model.set("vocab", newVocab);
        model.set("merges", newMerges);
        ArrayNode added = JSON.createArrayNode();
        added.add(specialToken(eos, "<|endoftext|>"));
        ((ObjectNode) root).set("added_tokens", added);
        JSON.writeValue(out.toFile(), root);
    }

    /**
     * @param documents the corpus whose characters are counted
     * @param maxCharacters most character tokens to keep (the most frequent)
     * @param out the file to write
     * @throws IOException on a write failure
     */
    public static void characters(List<String> documents, int maxCharacters, Path out) throws IOException {
        Map<Integer, Long> counts = new HashMap<>();
        for (String d : documents) {
            d.codePoints().forEach(c -> counts.merge(c, 1L, Long::sum));
        }
        List<Integer> chars = counts.entrySet().stream()
            .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(maxCharacters).map(Map.Entry::getKey).sorted().toList();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        String[] specials = {"<unk>", "<s>", "</s>"};
        ObjectNode vocab = JSON.createObjectNode();
        for (int i = 0; i < specials.length; i++) {
            added.add(specialToken(i, specials[i]));
            vocab.put(specials[i], i);
        }
        for (int b = 0; b < 256; b++) {
            vocab.put(String.format(Locale.ROOT, "<0x%02X>", b), 3 + b);
        }
        int id = 3 + 256;
        for (int c : chars) {
            vocab.put(new String(Character.toChars(c)), id++);
        }
        root.putNull("normalizer");
        root.putNull("pre_tokenizer");
        root.putNull("post_processor");
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "Sequence");
        ArrayNode decoders = decoder.putArray("decoders");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", "<unk>");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", true);
        model.put("ignore_merges", false);
        model.set("vocab", vocab);
        model.putArray("merges");
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.writeValue(out.toFile(), root);
    }

    private static ObjectNode specialToken(int id, String content) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", false);
        t.put("special", true);
        return t;
    }
}
