package org.detectgpt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.hub.HfCache;
import org.detectgpt.hub.HubClient;
import org.detectgpt.hub.PullListener;
import org.detectgpt.hub.RemoteFile;
import org.detectgpt.models.BundledModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detectgpt models}: list bundled and pulled models, pull one from the Hugging Face hub. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Bundled models and models pulled from the Hugging Face hub.",
    subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.PullCommand.class})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code detectgpt models list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the bundled models and the models in the Hugging Face cache (HF_HOME).")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws DetectGptException {
            PrintWriter out = spec.commandLine().getOut();
            List<BundledModels.BundledModel> bundled = BundledModels.all();
            out.println("Bundled models:");
            if (bundled.isEmpty()) {
                out.println("  none yet (the default English and Chinese models are coming; until then give --model)");
            }
            bundled.forEach(m -> out.printf("  %-24s %-3s %s%n", m.name(), m.language().code(), m.description()));
            HfCache cache = HfCache.fromEnvironment();
            List<HfCache.CachedRepo> repos = cache.list();
            out.println("Pulled models in " + cache.root() + ":");
            if (repos.isEmpty()) {
                out.println("  none (detectgpt models pull OWNER/NAME)");
            }
            for (HfCache.CachedRepo r : repos) {
                out.printf(Locale.ROOT, "  %-40s %8.1f MB  refs: %s%n", r.repoId(), r.bytes() / 1e6,
                    r.refs().isEmpty() ? String.join(", ", r.snapshots()) : r.refs().toString());
            }
            return 0;
        }
    }

    /** {@code detectgpt models pull}. */
    @Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Download a model's config.json, tokenizer and .safetensors weights from the Hugging Face hub "
            + "into the Hugging Face cache (HF_HOME), resuming partial downloads and checking sizes and hashes.",
            "Then use it with --model OWNER/NAME. Honours HF_ENDPOINT, HF_TOKEN and HF_HUB_OFFLINE."})
    static final class PullCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--revision", defaultValue = "main", paramLabel = "REV",
            description = "Branch, tag or commit. Default: ${DEFAULT-VALUE}.")
        String revision;

        @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
        boolean quiet;

        @Parameters(paramLabel = "REPO_ID", description = "The repo, e.g. Qwen/Qwen2.5-0.5B.")
        String repoId;

        @Override
        public Integer call() throws DetectGptException {
            PrintWriter err = spec.commandLine().getErr();
            boolean show = !quiet && ProgressBar.stderrIsTerminal();
            Path snapshot = HubClient.fromEnvironment().pull(repoId, revision, new PullListener() {
                private ProgressBar bar;

                @Override
                public void fileStarted(RemoteFile f, long have) {
                    if (show) {
                        err.println(f.name() + (have > 0 ? " (resuming)" : ""));
                    }
                    bar = new ProgressBar(err, show, "bytes");
                }

                @Override
                public void bytes(RemoteFile f, long done) {
                    bar.update(done, f.size());
                }

                @Override
                public void fileDone(RemoteFile f) {
                    bar.finish();
                }

                @Override
                public void retrying(RemoteFile f, String problem) {
                    bar.finish();
                    err.println("detectgpt: " + f.name() + ": " + problem + "; resuming");
                }
            });
            spec.commandLine().getOut().println(snapshot);
            err.println("pulled " + repoId + "; use it with --model " + repoId
                + (revision.equals("main") ? "" : "@" + revision));
            return 0;
        }
    }
}
