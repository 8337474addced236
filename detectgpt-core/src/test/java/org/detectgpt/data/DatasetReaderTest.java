package org.detectgpt.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.detectgpt.DetectGptException;
import org.detectgpt.text.Whitespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each format on small hand-made files, the derived names, and one test per error kind. */
class DatasetReaderTest {
    @TempDir
    Path dir;

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static LabeledText human(String text) {
        return new LabeledText(text, Label.HUMAN);
    }

    private static LabeledText machine(String text) {
        return new LabeledText(text, Label.MACHINE);
    }

    @Test
    void fastDetectGpt() throws Exception {
        Path file = write("eval/fast-detect-gpt-open/validation/xsum_gpt2-xl.raw_data.json",
            "{\"original\": [\"The cat sat.\", \"It rained\\nall day.\"],\n"
                + " \"sampled\": [\"The cat sat on a mat.\", \"It rained.\"], \"extra\": 3}");
        EvalDataset d = DatasetReader.read(file);
        assertEquals("fast-detect-gpt-open/validation/xsum_gpt2-xl", d.name());
        assertEquals(List.of(human("The cat sat."), human("It rained\nall day."),
            machine("The cat sat on a mat."), machine("It rained.")), d.items());
        assertEquals(2, d.humanCount());
        assertEquals(2, d.machineCount());
        assertTrue(d.hasBothLabels());
    }

    @Test
    void jsonl() throws Exception {
        Path file = write("hc3-plus/en/validation/val_hc3_si.jsonl",
            "{\"text\": \"a human line\", \"label\": 0}\n"
                + "{\"text\": \"a machine line\", \"label\": 1, \"source\": \"x\"}\n"
                + "\n"
                + "{\"label\": true, \"text\": \"boolean label\"}\n"
                + "{\"text\": \"中文文本\", \"label\": \"0\"}\n");
        EvalDataset d = DatasetReader.read(file);
        assertEquals("en/validation/val_hc3_si", d.name());
        assertEquals(List.of(human("a human line"), new LabeledText("a machine line", Label.MACHINE, "x", ""),
            machine("boolean label"), human("中文文本")), d.items());
    }

    @Test
    void singleLineJsonl() throws Exception {
        EvalDataset d = DatasetReader.read(write("one.jsonl", "{\"text\": \"x\", \"label\": 1}"));
        assertEquals("one", d.name());
        assertEquals(List.of(machine("x")), d.items());
        assertFalse(d.hasBothLabels());
    }

    /** One MixSet item per file kind; {@code TEXT} marks where the text to read goes. */
    static Stream<Arguments> mixSet() {
        return Stream.of(
            Arguments.of("pure/train/HWT_original_data.json",
                "{\"category\": \"blog\", \"id\": \"1\", \"HWT_sentence\": \"TEXT\"}",
                Label.HUMAN),
            Arguments.of("pure/train/MGT_original_data.json",
                "{\"category\": \"x\", \"model\": \"Dolly\", \"id\": \"1\", "
                    + "\"MGT_sentence\": \"TEXT\"}",
                Label.MACHINE),
            Arguments.of("revised/train/gpt4_polish_token.json",
                "{\"category\": \"blog\", \"id\": \"1\", \"HWT_sentence\": \"Mine.\", "
                    + "\"gpt4_polish_token_output\": \"TEXT\"}",
                Label.MACHINE),
            Arguments.of("revised/train/2llama_complete.json",
                "{\"category\": \"blog\", \"id\": \"1\", \"HWT_sentence\": \"Mine.\", "
                    + "\"llama_complete_output\": \"TEXT\"}",
                Label.MACHINE),
            Arguments.of("revised/train/MGT_polish_sentence.json",
                "{\"category\": \"x\", \"model\": \"Dolly\", \"id\": \"1\", "
                    + "\"MGT_sentence\": \"Generated.\", \"polish_sentence_output\": \"TEXT\"}",
                Label.MACHINE),
            Arguments.of("revised/train/gpt4_humanize.json",
                "{\"category\": \"x\", \"model\": \"Dolly\", \"id\": \"1\", "
                    + "\"MGT_sentence\": \"Generated.\", \"gpt4_humanize_output\": \"TEXT\"}",
                Label.HUMAN));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("mixSet")
    void mixSetFiles(String relative, String item, Label label) throws Exception {
        Path file = write("mixset/" + relative, "[\n" + item.replace("TEXT", "first")
            + ",\n" + item.replace("TEXT", "second") + "\n]");
        EvalDataset d = DatasetReader.read(file);
        assertEquals(relative.replace(".json", ""), d.name());
        assertEquals(List.of(new LabeledText("first", label), new LabeledText("second", label)),
            d.items());
    }

    @Test
    void mixSetTest() throws Exception {
        Path file = write("eval/mixset/validation/Mixset_test.json", "[\n"
            + "  {\"category\": \"speech\", \"id\": \"1\", \"original\": \"o1\", "
            + "\"revised\": \"r1\", \"mixset_category\": \"2llama_polish_token\", "
            + "\"binary\": \"MGT\"},\n"
            + "  {\"category\": \"q\", \"id\": \"2\", \"original\": \"o2\", \"revised\": \"r2\", "
            + "\"mixset_category\": \"gpt4_humanize\", \"model\": \"Dolly\", \"binary\": \"HWT\"}\n"
            + "]");
        EvalDataset d = DatasetReader.read(file);
        assertEquals("mixset/validation/Mixset_test", d.name());
        assertEquals(List.of(machine("r1"), human("r2")), d.items());
    }

    @Test
    void explicitNameAndNameRules() throws Exception {
        Path file = write("some/where/data.json", "{\"original\": [\"h\"], \"sampled\": [\"m\"]}");
        assertEquals("mine", DatasetReader.read(file, "mine").name());
        assertEquals("data", DatasetReader.nameOf(file));
        assertEquals("stories-whitebox/stories-whitebox", DatasetReader.nameOf(
            Path.of("/x/data/eval/stories-whitebox/stories-whitebox.jsonl")));
        assertEquals("hc3-plus/zh/train/val_hc3_QA", DatasetReader.nameOf(
            Path.of("/x/data/eval/hc3-plus/zh/train/val_hc3_QA.jsonl")));
        assertEquals("fast-detect-gpt-open/train/xsum_opt-2.7b", DatasetReader.nameOf(
            Path.of("/y/fast-detect-gpt-open/train/xsum_opt-2.7b.raw_data.json")));
        assertEquals("notes.txt", DatasetReader.nameOf(Path.of("/y/notes.txt")));
    }

    @Test
    void datasetHelpers() throws Exception {
        EvalDataset d = DatasetReader.read(write("w.json",
            "{\"original\": [\" a\\u00A0 b\\n\"], \"sampled\": [\"c\\t\\td \", \"e\"]}"));
        EvalDataset collapsed = d.mapTexts(Whitespace::collapse);
        assertEquals(List.of(human("a b"), machine("c d"), machine("e")), collapsed.items());
        assertEquals(d.name(), collapsed.name());
        assertEquals(List.of("c d", "e"), collapsed.texts(Label.MACHINE));
        assertEquals(1, collapsed.count(Label.HUMAN));
        EvalDataset both = EvalDataset.concat("both", List.of(d, collapsed));
        assertEquals(6, both.size());
        assertEquals(4, both.machineCount());
        assertThrows(UnsupportedOperationException.class, () -> d.items().add(human("x")));
        assertEquals("w (3 texts: 1 human, 2 machine)", d.toString());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
            Arguments.of("malformed JSON", "{\"original\": [\"a\",\n }",
                "malformed JSON at line 2"),
            Arguments.of("malformed JSONL line", "{\"text\": \"a\", \"label\": 0}\n"
                + "{\"text\": \"b\", \"label\": 1}\n{\"text\": \"c\" \"label\": 1}\n",
                "malformed JSON at line 3"),
            Arguments.of("truncated list", "[{\"HWT_sentence\": \"a\"},\n",
                "malformed JSON"),
            Arguments.of("invalid UTF-8", "\"\u0000\"", "malformed JSON"),
            Arguments.of("empty file", "  \n", "empty file"),
            Arguments.of("unknown object", "{\"foo\": 1, \"bar\": [2]}",
                "unknown format: expected {\"original\", \"sampled\"}, JSONL of {\"text\", "
                    + "\"label\"} or a MixSet list; found an object with keys [foo, bar]"),
            Arguments.of("unknown list", "[{\"sentence\": \"a\"}]",
                "unknown format: a list of an object with keys [sentence]"),
            Arguments.of("list of strings", "[\"a\", \"b\"]", "unknown format: a list of string"),
            Arguments.of("scalar", "42", "unknown format"),
            Arguments.of("missing sampled", "{\"original\": [\"a\"]}",
                "missing field \"sampled\""),
            Arguments.of("sampled not a list", "{\"original\": [\"a\"], \"sampled\": \"b\"}",
                "field \"sampled\" is not a list"),
            Arguments.of("non-string text", "{\"original\": [\"a\", 5], \"sampled\": [\"b\"]}",
                "\"original\"[1] is not a string: number 5"),
            Arguments.of("no texts", "{\"original\": [], \"sampled\": []}", "no texts"),
            Arguments.of("empty list", "[]", "empty list"),
            Arguments.of("JSONL missing label", "{\"text\": \"a\", \"label\": 0}\n"
                + "{\"text\": \"b\"}\n", "line 2: missing field \"label\""),
            Arguments.of("JSONL missing text", "{\"text\": \"a\", \"label\": 0}\n"
                + "{\"label\": 1}\n", "line 2: missing field \"text\""),
            Arguments.of("JSONL bad label", "{\"text\": \"a\", \"label\": 2}\n",
                "line 1: \"label\" must be 0 (human) or 1 (machine), found number 2"),
            Arguments.of("JSONL null text", "{\"text\": null, \"label\": 1}\n",
                "line 1: field \"text\" is not a string: null"),
            Arguments.of("JSONL non-object line", "{\"text\": \"a\", \"label\": 0}\n[1]\n",
                "line 2: expected a JSON object, found a list of 1"),
            Arguments.of("MixSet missing field", "[{\"HWT_sentence\": \"a\"},\n"
                + " {\"id\": \"2\"}]", "item [1] at line 2: missing field \"HWT_sentence\""),
            Arguments.of("MixSet bad binary", "[{\"revised\": \"a\", \"binary\": \"HWT\"},\n"
                + "{\"revised\": \"b\", \"binary\": \"mixed\"}]",
                "item [1] at line 2: \"binary\" must be \"HWT\" or \"MGT\", found string \"mixed\""),
            Arguments.of("MixSet two outputs", "[{\"a_output\": \"x\", \"b_output\": \"y\"}]",
                "two revised fields"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsAOneLineDetectGptException(String label, String content, String expected)
            throws IOException {
        Path file = write("bad.json", content);
        if (label.equals("invalid UTF-8")) {
            Files.write(file, new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'});
        }
        DetectGptException e =
            assertThrows(DetectGptException.class, () -> DatasetReader.read(file));
        assertOneLineNamingFile(e, file);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void missingFileAndDirectory() {
        Path missing = dir.resolve("nope.json");
        DetectGptException e =
            assertThrows(DetectGptException.class, () -> DatasetReader.read(missing));
        assertOneLineNamingFile(e, missing);
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
        DetectGptException d =
            assertThrows(DetectGptException.class, () -> DatasetReader.read(dir));
        assertTrue(d.getMessage().contains("is a directory"), d.getMessage());
    }

    private static void assertOneLineNamingFile(DetectGptException e, Path file) {
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"),
            e.getMessage());
    }
}
