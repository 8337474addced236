package org.detectgpt.cli;

import java.io.PrintWriter;
import org.detectgpt.DetectGptException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code detectgpt} command line.
 *
 * <p>Exit status: 0 on success, 1 when an input (model, data set, text) cannot be used — with a
 * one-line message on stderr, never a stack trace — 2 on usage errors, and 3 when a scan could
 * not read some of its documents (it reports them and goes on).
 */
@Command(name = "detectgpt", mixinStandardHelpOptions = true, version = "detectgpt 0.1.0",
    description = "Tells whether a text was written by a language model (DetectGPT family of zero-shot detectors).",
    subcommands = {ScanCommand.class, ServeCommand.class, ScoreCommand.class, EvalCommand.class, CalibrateCommand.class,
        ModelsCommand.class, FitEnsembleCommand.class, TrainLmCommand.class, MakeTokenizerCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
    /** Exit status when an input cannot be used. */
    public static final int EXIT_INPUT_ERROR = 1;
    /** Exit status on a usage error. */
    public static final int EXIT_USAGE = 2;
    /** Exit status of a scan when some documents could not be read or scored. */
    public static final int EXIT_SOME_FAILED = 3;

    /** @param args command-line arguments */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams (for tests).
     *
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** @return the configured picocli command line */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof DetectGptException) {
                err.println("detectgpt: " + ex.getMessage());
                return EXIT_INPUT_ERROR;
            }
            if (ex instanceof java.io.UncheckedIOException) {
                // a file the program needs (e.g. the bundled model's cache) cannot be used: one line
                err.println("detectgpt: " + ex.getMessage().replaceAll("[\\r\\n]+", " "));
                return EXIT_INPUT_ERROR;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("detectgpt: " + ex.getMessage());
                return EXIT_USAGE;
            }
            err.println("detectgpt: internal error: " + ex);
            return EXIT_INPUT_ERROR;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("detectgpt: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        return cl;
    }
}
