package org.detectgpt.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.train.Corpus;
import org.detectgpt.train.TokenizerFiles;
import org.detectgpt.train.TrainConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code detectgpt make-tokenizer}: writes the tokenizer.json of detectgpt's own models. */
@Command(name = "make-tokenizer", mixinStandardHelpOptions = true,
    description = "Write a tokenizer.json: GPT-2's BPE cut to its first N merges, or a character vocabulary with byte fallback.")
final class MakeTokenizerCommand implements Callable<Integer> {
    static final class Kind {
        @Option(names = "--gpt2", paramLabel = "TOKENIZER_JSON", description = "GPT-2's tokenizer.json to truncate.")
        Path gpt2;

        @Option(names = "--chars", paramLabel = "PATH", split = ",",
            description = "Corpus files or folders (.txt paragraphs; .json/.jsonl development-set train/ files) whose characters to count.")
        List<Path> chars;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Kind kind;

    @Option(names = "--merges", defaultValue = "8000", description = "BPE merges kept (with --gpt2). Default: ${DEFAULT-VALUE}.")
    int merges;

    @Option(names = "--max-chars", defaultValue = "6000",
        description = "Most frequent characters kept (with --chars). Default: ${DEFAULT-VALUE}.")
    int maxChars;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The tokenizer.json to write.")
    Path out;

    @Override
    public Integer call() throws DetectGptException, IOException {
        if (kind.gpt2 != null) {
            TokenizerFiles.truncatedGpt2(kind.gpt2, merges, out);
        } else {
            List<String> docs = new ArrayList<>();
            for (Path p : kind.chars) {
                String f = p.toString();
                boolean eval = f.endsWith(".json") || f.endsWith(".jsonl");
                docs.addAll(Corpus.documents(new TrainConfig.Source(f, eval ? "eval" : "paragraphs", 1)));
            }
            TokenizerFiles.characters(docs, maxChars, out);
        }
        return 0;
    }
}
