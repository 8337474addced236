package org.detectgpt.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.detectgpt.DetectGptException;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.LabeledText;
import org.detectgpt.text.Whitespace;
import org.detectgpt.util.InputFiles;

/**
 * Reads training text as documents, each with its whitespace collapsed to single spaces — the
 * form every text has when it is scored, so the model never learns line breaks or indentation.
 */
public final class Corpus {
    private static final Pattern BLANK_LINES = Pattern.compile("\\R\\s*\\R");

    private Corpus() {}

    /**
     * @param source a configured source
     * @return its documents
     * @throws DetectGptException if unreadable, of an unknown format, or a validation split
     */
    public static List<String> documents(TrainConfig.Source source) throws DetectGptException {
        Path path = Path.of(source.path());
        List<Path> files = files(path, source.format().equals("eval") ? List.of(".json", ".jsonl") : List.of(".txt"));
        List<String> docs = new ArrayList<>();
        for (Path f : files) {
            switch (source.format()) {
                case "text" -> docs.add(Whitespace.collapse(read(f)));
                case "paragraphs" -> {
                    for (String p : BLANK_LINES.split(read(f))) {
                        String c = Whitespace.collapse(p);
                        if (!c.isEmpty()) {
                            docs.add(c);
                        }
                    }
                }
                case "gutenberg-nltk" -> docs.add(Whitespace.collapse(detokenize(read(f))));
                case "eval" -> {
                    for (Path part : f.toAbsolutePath().normalize()) {
                        if (part.toString().equals("validation")) {
                            throw new DetectGptException(f + ": validation data must never be trained on");
                        }
                    }
                    for (LabeledText t : DatasetReader.read(f).items()) {
                        docs.add(Whitespace.collapse(t.text()));
                    }
                }
                default -> throw new DetectGptException(path + ": unknown source format '" + source.format()
                    + "' (text, paragraphs, gutenberg-nltk, eval)");
            }
        }
        docs.removeIf(String::isEmpty);
        return docs;
    }

    private static List<Path> files(Path path, List<String> suffixes) throws DetectGptException {
        // files named "_…" are derived copies (modern-en/_wordnet_examples.txt): not counted twice
        return InputFiles.of(path, suffixes).stream()
            .filter(p -> Files.isRegularFile(path) || !p.getFileName().toString().startsWith("_")).toList();
    }

    private static String read(Path f) throws DetectGptException {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DetectGptException(f + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Undoes NLTK's Penn-style tokenization of its Gutenberg copy: spaces before punctuation and
     * clitics ({@code "had n't"} → {@code "hadn't"}), {@code `` ''} quotes, {@code _italic_}
     * underscores, spaces inside brackets.
     *
     * @param text NLTK-tokenized text, one sentence a line
     * @return ordinary prose
     */
    public static String detokenize(String text) {
        String s = text.replaceAll("\\R", " ");
        s = s.replaceAll("`` ?", "\"").replaceAll(" ?''", "\"");
        s = s.replaceAll(" (n't|'s|'re|'ve|'ll|'d|'m|'S|N'T)\\b", "$1");
        s = s.replaceAll(" ([,.;:!?%)\\]])", "$1");
        s = s.replaceAll("([(\\[$]) ", "$1");
        s = s.replaceAll("\\b_ ?| ?_\\b|(?<=\\s)_|_(?=\\s)", "");
        s = s.replaceAll(" -- ", " -- ");
        return s;
    }
}
