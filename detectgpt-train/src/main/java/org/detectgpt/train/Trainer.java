package org.detectgpt.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.detectgpt.DetectGptException;
import org.detectgpt.model.io.DType;
import org.detectgpt.tokenize.HfTokenizer;
import org.detectgpt.tokenize.Tokenizer;

/**
 * Trains a {@link TrainableLlama} from a {@link TrainConfig}: seeded, logging loss and
 * validation perplexity, checkpointing every {@code checkpoint_every} steps (resumable to the
 * same result: batches are drawn from a generator seeded by (seed, step)), and exporting a
 * Hugging Face folder to {@code out/model} at the end.
 *
 * <p>Learning rate: linear warm-up to {@code lr}, then cosine decay to {@code lr/10}.
 */
public final class Trainer {
    private static final long MAGIC = 0x44475054434b5031L; // "DGPTCKP1"

    private final TrainConfig config;
    private final PrintStream log;

    /**
     * @param config the run
     * @param log where progress lines go
     */
    public Trainer(TrainConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    /** Tokens of one source, split into a training head and a validation tail. */
    record Stream(String name, int[] train, int[] validation, double weight) {}

    /**
     * Runs (or resumes) training and exports the model.
     *
     * @param resume continue from {@code out/checkpoint.bin} when it exists
     * @return the folder of the exported model
     * @throws DetectGptException on bad configuration or data
     * @throws IOException on a write failure
     */
    public Path run(boolean resume) throws DetectGptException, IOException {
        return run(resume, Integer.MAX_VALUE);
    }

    /**
     * Runs (or resumes) training, stopping after step {@code stopAfter} with a checkpoint (to be
     * continued with {@code resume}); exports the model once the configured steps are done.
     *
     * @param resume continue from {@code out/checkpoint.bin} when it exists
     * @param stopAfter last step to run in this call
     * @return the folder of the exported model, or null when stopped early
     * @throws DetectGptException on bad configuration or data
     * @throws IOException on a write failure
     */
    public Path run(boolean resume, int stopAfter) throws DetectGptException, IOException {
        Path out = Path.of(config.out());
        Files.createDirectories(out);
        Tokenizer tok = HfTokenizer.load(Path.of(config.tokenizer()));
        int eos = tok.eosId().orElseThrow(() -> new DetectGptException(config.tokenizer() + ": has no end-of-text token"));
        long t0 = System.nanoTime();
        List<Stream> streams = new ArrayList<>();
        for (TrainConfig.Source s : config.sources()) {
            streams.add(tokenize(s, tok, eos));
        }
        long trainTokens = streams.stream().mapToLong(s -> s.train().length).sum();
        log.printf(Locale.ROOT, "tokenized %d sources: %d training and %d validation tokens in %.1f s%n", streams.size(),
            trainTokens, streams.stream().mapToLong(s -> s.validation().length).sum(), (System.nanoTime() - t0) / 1e9);
        TrainableLlama model = new TrainableLlama(config.shape(tok.vocabSize()), config.seed());
        AdamW opt = new AdamW(model.params().length, 0.9, 0.95, config.weightDecay());
        Path ckpt = out.resolve("checkpoint.bin");
        int start = 0;
        if (resume && Files.exists(ckpt)) {
            start = load(ckpt, model, opt);
            log.printf("resumed from %s at step %d%n", ckpt, start);
        }
        log.printf(Locale.ROOT, "model: %d parameters, vocab %d, dim %d, %d layers, %d heads, ffn %d, context %d%n",
            model.shape().parameters(), tok.vocabSize(), config.dim(), config.layers(), config.heads(), config.ffn(),
            config.context());
        Path jsonLog = out.resolve("train-log.jsonl");
        int n = config.batch() * config.context();
        int[] in = new int[n];
        int[] tg = new int[n];
        for (int step = start; step < config.steps(); step++) {
            long s0 = System.nanoTime();
            sample(streams, new SplittableRandom(config.seed() * 1_000_003L + step), in, tg, false);
            double loss = model.step(in, tg, config.batch());
            double lr = learningRate(step);
            double norm = opt.update(model, lr, config.clip());
            double secs = (System.nanoTime() - s0) / 1e9;
            if (step % 10 == 0 || step == config.steps() - 1) {
                String line = String.format(Locale.ROOT,
                    "{\"step\":%d,\"loss\":%.4f,\"lr\":%.6f,\"grad_norm\":%.3f,\"tokens_per_s\":%.0f}", step, loss, lr, norm,
                    n / secs);
                log.println(line);
                append(jsonLog, line);
            }
            boolean last = step == config.steps() - 1;
            if (config.evalEvery() > 0 && ((step + 1) % config.evalEvery() == 0 || last)) {
                double val = validationLoss(model, streams);
                String line = String.format(Locale.ROOT, "{\"step\":%d,\"val_loss\":%.4f,\"val_ppl\":%.2f}", step + 1, val,
                    Math.exp(val));
                log.println(line);
                append(jsonLog, line);
            }
            if (config.checkpointEvery() > 0 && ((step + 1) % config.checkpointEvery() == 0 || last)
                    || step + 1 == stopAfter) {
                save(ckpt, model, opt, step + 1);
            }
            if (step + 1 == stopAfter && !last) {
                log.printf("stopped after step %d; continue with --resume%n", stopAfter);
                return null;
            }
        }
        Path dir = out.resolve("model");
        HfExport.write(model, dir, Path.of(config.tokenizer()), DType.valueOf(config.dtype()),
            Map.of("producer", "detectgpt train-lm", "seed", Long.toString(config.seed()),
                "steps", Integer.toString(config.steps())));
        log.println("exported " + dir);
        return dir;
    }

    double learningRate(int step) {
        if (step < config.warmup()) {
            return config.lr() * (step + 1) / config.warmup();
        }
        double progress = (step - config.warmup()) / (double) Math.max(1, config.steps() - config.warmup());
        return config.lr() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))));
    }

    /** Mean loss over fixed validation batches (the same ones at every measurement). */
    double validationLoss(TrainableLlama model, List<Stream> streams) {
        int n = config.batch() * config.context();
        int[] in = new int[n];
        int[] tg = new int[n];
        double sum = 0;
        for (int b = 0; b < config.evalBatches(); b++) {
            sample(streams, new SplittableRandom(config.seed() * 7_919L + b), in, tg, true);
            sum += model.loss(in, tg, config.batch());
        }
        return sum / config.evalBatches();
    }

    /** Draws sequences: a source by weight × size, then a uniform offset in it. */
    void sample(List<Stream> streams, SplittableRandom rnd, int[] in, int[] tg, boolean validation) {
        int ctx = config.context();
        double[] w = new double[streams.size()];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            int[] a = validation ? streams.get(i).validation() : streams.get(i).train();
            w[i] = a.length > ctx + 1 ? a.length * streams.get(i).weight() : 0;
            total += w[i];
        }
        for (int b = 0; b < config.batch(); b++) {
            double u = rnd.nextDouble() * total;
            int s = 0;
            while (s < w.length - 1 && (u -= w[s]) >= 0) {
                s++;
            }
            while (w[s] == 0) {
                s = (s + 1) % w.length;
            }
            int[] a = validation ? streams.get(s).validation() : streams.get(s).train();
            int off = rnd.nextInt(a.length - ctx - 1);
            System.arraycopy(a, off, in, b * ctx, ctx);
            System.arraycopy(a, off + 1, tg, b * ctx, ctx);
        }
    }

    private Stream tokenize(TrainConfig.Source s, Tokenizer tok, int eos) throws DetectGptException {
        List<String> docs = Corpus.documents(s);
        int[] buf = new int[1 << 20];
        int len = 0;
        for (String d : docs) {
            int[] ids = tok.encodeIds(d);
            if (len + ids.length + 1 > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + ids.length + 1));
            }
            System.arraycopy(ids, 0, buf, len, ids.length);
            len += ids.length;
            buf[len++] = eos;
        }
        int cut = (int) (len * (1 - config.validationFraction()));
        log.printf("  %s: %d documents, %d tokens%n", s.path(), docs.size(), len);
        return new Stream(s.path(), java.util.Arrays.copyOfRange(buf, 0, cut), java.util.Arrays.copyOfRange(buf, cut, len),
            s.weight());
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Writes parameters and optimiser state atomically (temp file, then rename). */
    static void save(Path file, TrainableLlama model, AdamW opt, int step) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            out.writeLong(MAGIC);
            out.writeInt(step);
            out.writeLong(opt.steps());
            TrainableLlama.Shape s = model.shape();
            for (int v : new int[] {s.vocab(), s.dim(), s.layers(), s.heads(), s.ffn(), s.context()}) {
                out.writeInt(v);
            }
            for (float[] a : new float[][] {model.params(), opt.m(), opt.v()}) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(a.length * 4);
                buf.asFloatBuffer().put(a);
                out.write(buf.array());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return the step to continue from */
    static int load(Path file, TrainableLlama model, AdamW opt) throws DetectGptException, IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readLong() != MAGIC) {
                throw new DetectGptException(file + ": not a detectgpt training checkpoint");
            }
            int step = in.readInt();
            long optSteps = in.readLong();
            TrainableLlama.Shape s = model.shape();
            int[] expect = {s.vocab(), s.dim(), s.layers(), s.heads(), s.ffn(), s.context()};
            for (int v : expect) {
                if (in.readInt() != v) {
                    throw new DetectGptException(file + ": checkpoint was made with another model shape");
                }
            }
            for (float[] a : new float[][] {model.params(), opt.m(), opt.v()}) {
                byte[] bytes = new byte[a.length * 4];
                in.readFully(bytes);
                java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(a);
            }
            opt.setSteps(optSteps);
            return step;
        }
    }
}
