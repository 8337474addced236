package org.detectgpt.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.detectgpt.DetectGptException;
import org.detectgpt.detect.Criteria;
import org.detectgpt.detect.Detector;
import org.detectgpt.hub.ModelLocator;
import org.detectgpt.model.nn.EngineThreads;
import org.detectgpt.models.ModelSet;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanModels;

/**
 * The models of one executor JVM: each {@link ModelSpec} is loaded once, by the first task that
 * needs it, and shared by every later task and thread of that JVM (a {@link Detector} is
 * thread-safe). A model given as a Hadoop URI is copied to the local disk first, once per node.
 */
public final class ExecutorModels {
    /** One slot per spec: loading happens outside the map's lock, once, under the slot's own. */
    private static final Map<ModelSpec, Slot> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /**
     * Inside a task, also shares the machine's cores for the engine's native threads among the
     * tasks an executor runs at once, taken as cores / {@code spark.task.cpus} (each left at every
     * core oversubscribes the machine): a task gets at least its {@code spark.task.cpus} (every
     * core on a smaller machine), more when they do not divide the cores.
     *
     * @param spec the models
     * @return a scorer with those models and the default reader, no calibration yet
     * @throws DetectGptException if a model cannot be found, copied or loaded
     */
    public static DocumentScorer scorer(ModelSpec spec) throws DetectGptException {
        TaskContext task = TaskContext.get();
        if (task != null) {
            EngineThreads.share(Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, task.cpus())));
        }
        return DocumentScorer.of(LOADED.computeIfAbsent(spec, Slot::new).get());
    }

    private static final class Slot {
        private final ModelSpec spec;
        private ScanModels models;

        Slot(ModelSpec spec) {
            this.spec = spec;
        }

        /** A failed load is not remembered: a later task tries again (e.g. after storage came back). */
        synchronized ScanModels get() throws DetectGptException {
            if (models == null) {
                models = load(spec);
            }
            return models;
        }
    }

    /** The scan's rule (ModelSet): the named model for every language, or each language's bundled default. */
    private static ScanModels load(ModelSpec spec) throws DetectGptException {
        ModelSet set = modelSet(spec);
        return ScanModels.of(set.loadEach((model, sampling) -> {
            org.detectgpt.criterion.Criterion c = Criteria.forName(spec.criterion(), model);
            return Detector.builder().setModel(model).optSamplingModel(set.samplingFor(sampling, c).orElse(null))
                .setCriterion(c).build();
        }));
    }

    /** @return the models of {@code spec}; a Hadoop URI resolves to its local copy */
    static ModelSet modelSet(ModelSpec spec) {
        ModelSet.Locator locator = s -> new ModelSpec(s, spec.criterion()).isUri() ? localCopy(s)
            : ModelLocator.fromEnvironment().resolve(s);
        return ModelSet.bundled(locator).withModel(spec.isDefault() ? null : spec.model());
    }

    /**
     * Copies a model folder from a Hadoop file system to {@code java.io.tmpdir}, once per node: the
     * copy goes to a temporary folder renamed into place, so executors of one node racing each
     * other (or a killed one) never leave a half model where it would be loaded.
     */
    static Path localCopy(String uri) throws DetectGptException {
        String name = org.detectgpt.scan.DocumentScorer.sha256(uri.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        String last = uri.replaceAll("/+$", "");
        last = last.substring(last.lastIndexOf('/') + 1);
        // the folder keeps the model's own name: reports and calibrations identify models by it
        Path dst = Path.of(System.getProperty("java.io.tmpdir"), "detectgpt-spark-models", name, last);
        if (Files.isDirectory(dst)) {
            return dst;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dst.getParent());
            tmp = Files.createTempDirectory(dst.getParent(), "copy");
            org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = src.getFileSystem(new Configuration());
            fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(tmp.resolve(last).toUri()), true);
            try {
                Files.move(tmp.resolve(last), dst, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(dst)) {
                    throw e;
                }
                // another executor of this node finished first: use its copy
            }
            return dst;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new DetectGptException(uri + ": cannot copy the model to local disk: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
