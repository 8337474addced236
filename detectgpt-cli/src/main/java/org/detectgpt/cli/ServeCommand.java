package org.detectgpt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.detectgpt.DetectGptException;
import org.detectgpt.model.nn.EngineThreads;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.serve.Calibrator;
import org.detectgpt.serve.DetectGptServer;
import org.detectgpt.serve.ServeLimits;
import org.detectgpt.serve.ServeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detectgpt serve}: the scan as a local web page. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start a local web page where you drop files or a folder, or paste a text, and see the scan's "
        + "verdicts, highlighted texts and reports. Nothing leaves this computer: it listens on 127.0.0.1 only "
        + "(unless --bind says otherwise), and uploaded files stay in a private temporary folder, deleted when "
        + "the batch is dropped or the server stops (Ctrl-C).",
        "Exit status: 1 when the model or calibration cannot be used or the port is taken, 2 on usage errors."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--calibration", paramLabel = "FILE",
        description = "Calibration from 'detectgpt calibrate' for every batch (the page can upload another one). "
            + "Default: the bundled model's own.")
    Path calibration;

    @Option(names = "--port", defaultValue = "" + ServeSettings.DEFAULT_PORT, paramLabel = "N",
        description = "Port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = ServeSettings.LOOPBACK, paramLabel = "ADDRESS",
        description = "Address to listen on. Default: ${DEFAULT-VALUE} (this computer only); another address lets "
            + "other computers on the network upload documents.")
    String bind;

    @Override
    public Integer call() throws DetectGptException, InterruptedException {
        scoring.check();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 1 and 65535: " + port);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!DetectGptServer.isLoopback(bind)) {
            err.println("detectgpt: warning: --bind " + bind + ": other computers that reach this address can upload "
                + "documents and see the results; there is no password. Use it only on a network you trust.");
        }
        DocumentScorer base = scoring.scorer(models);
        DocumentScorer scorer = scoring.withCalibration(base, models, calibration, ScoringOptions.notesTo(err));
        // an uploaded calibration gets scan --calibration's rule (machine scores borrowed from the bundled one)
        Calibrator calibrator = (file, notes) -> scoring.withCalibration(base, models, file, notes);
        EngineThreads.share(scoring.threads);
        DetectGptServer server = DetectGptServer.start(new ServeSettings(bind, port, scorer, calibrator,
            scoring.threads, ServeLimits.DEFAULTS));
        Thread hook = new Thread(server::close, "detectgpt-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("detectgpt: open " + server.url() + " in a browser (Ctrl-C stops the server and deletes the "
            + "uploaded files)");
        out.flush();
        server.awaitStop();
        return 0;
    }
}
