package org.detectgpt.spark;

import java.io.InputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.detectgpt.DetectGptException;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.scan.DocumentScorer;

/**
 * {@code detectgpt scan} as a Spark job: reads a folder of documents (sub-folders included; .txt
 * .md .html .docx .pdf through the scan's own extraction), scores them on the executors and writes
 * one row per document with the fields of the scan's JSON Lines report, as Parquet and as JSON
 * Lines:
 *
 * <pre>
 * OUTPUT/parquet/run-20261130T140000Z-1a2b/part-*.parquet
 * OUTPUT/jsonl/run-20261130T140000Z-1a2b/part-*.json
 * </pre>
 *
 * <p><b>Resume.</b> Every run adds one {@code run-…} folder and reads those already there, with
 * the scan's rule: a document whose path and content hash are in the output is done and not
 * written again; one whose content is there under another path (renamed, copied) gets a copy of
 * that row under its own path, not scored again; the others are scored. Only runs Spark committed
 * ({@code _SUCCESS}) count: a run that died is scored again.
 *
 * <p><b>Failures.</b> A bad document (empty, binary, corrupt, encrypted, too large, unreadable)
 * becomes an {@code error} row with a one-line reason and never fails the stage. Output goes only
 * through Spark's file commit protocol, so a task retried or run speculatively leaves one copy of
 * its rows.
 *
 * <p>Usage: {@code spark-submit --class org.detectgpt.spark.DetectGptJob detectgpt-spark-job.jar
 * --input DIR --output DIR [--model M] [--criterion C] [--calibration FILE] [--partitions N]
 * [--max-chars N]}. Exit status as {@code scan}: 0, 3 when some documents were errors, 2 on usage
 * errors, 1 when the job could not run.
 */
public final class DetectGptJob {
    /** Exit status when some documents could not be read (as {@code detectgpt scan}). */
    public static final int EXIT_SOME_FAILED = 3;
    /** Exit status of a usage error. */
    public static final int EXIT_USAGE = 2;

    private static final String USAGE = "usage: DetectGptJob --input DIR --output DIR [--model M] [--criterion C] "
        + "[--calibration FILE] [--partitions N] [--max-chars N]";

    private DetectGptJob() {}

    /**
     * The job's settings.
     *
     * @param input the folder (or Hadoop glob) of documents
     * @param output the output folder
     * @param model the model ({@link ModelSpec#model()}; empty for the embedded defaults)
     * @param criterion the criterion
     * @param calibration a calibration file, or empty for the bundled model's own
     * @param partitions the least number of input partitions (0: four per core of the cluster)
     * @param maxChars the cap on extracted characters
     */
    public record Options(String input, String output, String model, String criterion, String calibration,
            int partitions, int maxChars) implements Serializable {
        /**
         * @param args the command line
         * @return the options
         * @throws IllegalArgumentException with a one-line message on a usage error
         */
        public static Options parse(String... args) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String k = args[i];
                if (!List.of("--input", "--output", "--model", "--criterion", "--calibration", "--partitions",
                        "--max-chars").contains(k)) {
                    throw new IllegalArgumentException("unknown option '" + k + "'; " + USAGE);
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(k + " needs a value; " + USAGE);
                }
                m.put(k, args[++i]);
            }
            for (String k : List.of("--input", "--output")) {
                if (m.get(k) == null || m.get(k).isBlank()) {
                    throw new IllegalArgumentException(k + " is required; " + USAGE);
                }
            }
            return new Options(m.get("--input"), m.get("--output"), m.getOrDefault("--model", ""),
                m.getOrDefault("--criterion", "ensemble"), m.getOrDefault("--calibration", ""),
                number(m, "--partitions", 0, 0), number(m, "--max-chars", DocumentReader.DEFAULT_MAX_CHARS, 1));
        }

        private static int number(Map<String, String> m, String k, int dflt, int least) {
            String v = m.get(k);
            if (v == null) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v.strip());
                if (n >= least) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(k + " must be a whole number of at least " + least + ": " + v);
        }
    }

    /**
     * What a run did.
     *
     * @param run the run's folder name, or null when there was nothing to write
     * @param scored documents scored in this run (errors included)
     * @param reused documents whose content was in the output under another path: copied, not scored
     * @param done documents already in the output under the same path and content: not written again
     * @param errors rows of this run with verdict {@code error}
     * @param unsupported files left out for their extension
     */
    public record Summary(String run, long scored, long reused, long done, long errors, long unsupported) {}

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("detectgpt scan").getOrCreate();
        int status;
        try {
            status = run(spark, args, System.err);
        } finally {
            spark.stop();
        }
        System.exit(status);
    }

    /**
     * Runs the job and reports on {@code err} (one line per problem, never a stack trace).
     *
     * @param spark the session
     * @param args the command line
     * @param err where the summary and errors go
     * @return the exit status
     */
    public static int run(SparkSession spark, String[] args, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
            new ModelSpec(o.model(), o.criterion());
        } catch (IllegalArgumentException e) {
            err.println("detectgpt: " + e.getMessage());
            return EXIT_USAGE;
        }
        try {
            Summary s = run(spark, o);
            err.printf(Locale.ROOT, "detectgpt: %d scored (%d errors), %d copied from earlier rows of the same content, "
                + "%d already in %s, %d files of other types left out%s%n", s.scored(), s.errors(), s.reused(), s.done(),
                o.output(), s.unsupported(), s.run() == null ? "; nothing new to write" : "; wrote " + s.run());
            return s.errors() > 0 ? EXIT_SOME_FAILED : 0;
        } catch (DetectGptException e) {
            err.println("detectgpt: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            // a Spark failure (a lost cluster, a model that cannot load on the executors; Scala throws the checked
            // SparkException undeclared): its root cause
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            err.println("detectgpt: the job failed: " + oneLine(t));
            return 1;
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** The rows of one run before they are written: the report's fields and what happened to the file. */
    private static final StructType WORK;

    static {
        StructType w = new StructType();
        for (StructField f : ReportRows.SCHEMA.fields()) {
            w = w.add(f.name(), f.dataType(), true);
        }
        WORK = w.add("status", DataTypes.StringType, false);
    }

    private static final String SCORED = "scored";
    private static final String REUSED = "reused";
    private static final String DONE = "done";
    private static final String UNSUPPORTED = "unsupported";

    /**
     * Runs the job.
     *
     * @param spark the session
     * @param o the settings
     * @return what it did
     * @throws DetectGptException with a one-line message if the calibration or the output cannot be used
     */
    public static Summary run(SparkSession spark, Options o) throws DetectGptException {
        ModelSpec spec = new ModelSpec(o.model(), o.criterion());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<CalibrationPayload> cal = jsc.broadcast(CalibrationPayload.load(o.calibration(), spec, hadoop));
        Path out = new Path(o.output());
        Path parquet = new Path(out, "parquet");
        Path jsonl = new Path(out, "jsonl");
        Path input = new Path(o.input());
        String root;
        List<String> runs;
        try {
            FileSystem inFs = input.getFileSystem(hadoop);
            if (!inFs.exists(input)) {
                throw new DetectGptException(o.input() + ": no such folder");
            }
            root = inFs.makeQualified(input).toString();
            runs = committedRuns(parquet, hadoop);
            repairJsonl(spark, parquet, jsonl, runs, hadoop);
        } catch (IOException e) {
            throw new DetectGptException(o.output() + ": cannot read: " + e.getMessage(), e);
        }
        Previous previous = Previous.of(spark, parquet, runs);
        Broadcast<Previous> prev = jsc.broadcast(previous);
        // sub-folders too, as scan does
        hadoop.setBoolean("mapreduce.input.fileinputformat.input.dir.recursive", true);
        // several tasks per core by default: documents differ in length, small tasks even out the cores' loads.
        // binaryFiles packs small files into splits of at least spark.files.openCostInBytes (4 MB: thousands of
        // essays, one core's work), so only the listed paths are spread over the partitions (a PortableDataStream
        // carries its whole split and Hadoop configuration: shuffling those grew with the square of the files);
        // each task opens its files itself.
        int partitions = o.partitions() > 0 ? o.partitions() : 4 * jsc.defaultParallelism();
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
        JavaRDD<Row> work = jsc.binaryFiles(o.input(), partitions).keys().repartition(partitions)
            .mapPartitions(new ScoreFiles(spec, cal, prev, conf, root, o.maxChars()));
        Dataset<Row> rows = spark.createDataFrame(work, WORK).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> counts = new HashMap<>();
            for (Row r : rows.groupBy("status").count().collectAsList()) {
                counts.put(r.getString(0), r.getLong(1));
            }
            long scored = counts.getOrDefault(SCORED, 0L);
            long reused = counts.getOrDefault(REUSED, 0L);
            if (scored + reused == 0) {
                return new Summary(null, 0, 0, counts.getOrDefault(DONE, 0L), 0, counts.getOrDefault(UNSUPPORTED, 0L));
            }
            Column[] fields = columns();
            Dataset<Row> fresh = rows.filter(functions.col("status").equalTo(SCORED)).select(fields);
            Dataset<Row> copies = rows.filter(functions.col("status").equalTo(REUSED)).select("path", "sha256")
                .join(previous.rows(spark).drop("path").dropDuplicates("sha256"), "sha256").select(fields);
            String run = "run-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                + "-" + Long.toHexString(System.nanoTime() & 0xffff);
            Path runParquet = new Path(parquet, run);
            fresh.unionByName(copies).write().mode(SaveMode.ErrorIfExists).parquet(runParquet.toString());
            writeJsonl(spark, runParquet, new Path(jsonl, run));
            long errors = spark.read().schema(ReportRows.SCHEMA).parquet(runParquet.toString())
                .filter(functions.col("verdict").equalTo("error")).count();
            return new Summary(run, scored, reused, counts.getOrDefault(DONE, 0L), errors,
                counts.getOrDefault(UNSUPPORTED, 0L));
        } finally {
            rows.unpersist();
        }
    }

    private static Column[] columns() {
        StructField[] f = ReportRows.SCHEMA.fields();
        Column[] c = new Column[f.length];
        for (int i = 0; i < f.length; i++) {
            c[i] = functions.col(f[i].name());
        }
        return c;
    }

    /** JSON Lines as {@code scan} writes them: every field present, null where a number does not apply. */
    private static void writeJsonl(SparkSession spark, Path parquetRun, Path jsonlRun) {
        spark.read().schema(ReportRows.SCHEMA).parquet(parquetRun.toString()).write().mode(SaveMode.Overwrite)
            .option("ignoreNullFields", "false").json(jsonlRun.toString());
    }

    /** @return the runs of the output Spark committed, oldest first */
    private static List<String> committedRuns(Path parquet, Configuration hadoop) throws IOException {
        FileSystem fs = parquet.getFileSystem(hadoop);
        List<String> runs = new ArrayList<>();
        if (!fs.exists(parquet)) {
            return runs;
        }
        for (FileStatus s : fs.listStatus(parquet)) {
            if (s.isDirectory() && s.getPath().getName().startsWith("run-")
                    && fs.exists(new Path(s.getPath(), "_SUCCESS"))) {
                runs.add(s.getPath().getName());
            }
        }
        runs.sort(null);
        return runs;
    }

    /** A run whose Parquet was committed but whose JSON Lines were not (the job died between them). */
    private static void repairJsonl(SparkSession spark, Path parquet, Path jsonl, List<String> runs, Configuration hadoop)
            throws IOException {
        FileSystem fs = jsonl.getFileSystem(hadoop);
        for (String run : runs) {
            if (!fs.exists(new Path(new Path(jsonl, run), "_SUCCESS"))) {
                writeJsonl(spark, new Path(parquet, run), new Path(jsonl, run));
            }
        }
    }

    /** What the output holds already: content hashes with the format they were read as, and path+hash pairs. */
    private record Previous(Map<String, String> formatBySha, Set<String> pathAndSha, List<String> runPaths)
            implements Serializable {
        static Previous of(SparkSession spark, Path parquet, List<String> runs) {
            Map<String, String> formats = new HashMap<>();
            Set<String> pairs = new HashSet<>();
            List<String> paths = runs.stream().map(r -> new Path(parquet, r).toString()).toList();
            Previous p = new Previous(formats, pairs, paths);
            if (!runs.isEmpty()) {
                for (Row r : p.rows(spark).filter(functions.col("sha256").isNotNull()).select("path", "sha256", "format")
                        .collectAsList()) {
                    formats.putIfAbsent(r.getString(1), r.isNullAt(2) ? "" : r.getString(2));
                    pairs.add(r.getString(0) + "\0" + r.getString(1));
                }
            }
            return p;
        }

        Dataset<Row> rows(SparkSession spark) {
            return runPaths.isEmpty() ? spark.createDataFrame(List.of(), ReportRows.SCHEMA)
                : spark.read().schema(ReportRows.SCHEMA).parquet(runPaths.toArray(String[]::new));
        }

        /** @return whether an earlier row of this content holds for a file of this name: the scan's rule */
        boolean reusable(String sha, String name) {
            String f = formatBySha.get(sha);
            return f != null && (f.isEmpty() || f.equals(DocumentReader.formatOf(name)));
        }
    }

    /** Reads, hashes and scores a partition's files with the executor's models. */
    private static final class ScoreFiles implements FlatMapFunction<Iterator<String>, Row> {
        private static final long serialVersionUID = 1L;
        private final ModelSpec spec;
        private final Broadcast<CalibrationPayload> calibration;
        private final Broadcast<Previous> previous;
        private final Broadcast<SerializableConfiguration> hadoop;
        private final String root;
        private final int maxChars;

        ScoreFiles(ModelSpec spec, Broadcast<CalibrationPayload> calibration, Broadcast<Previous> previous,
                Broadcast<SerializableConfiguration> hadoop, String root, int maxChars) {
            this.spec = spec;
            this.calibration = calibration;
            this.previous = previous;
            this.hadoop = hadoop;
            this.root = root;
            this.maxChars = maxChars;
        }

        @Override
        public Iterator<Row> call(Iterator<String> files) throws DetectGptException {
            DocumentScorer scorer = calibration.value().apply(ExecutorModels.scorer(spec))
                .withReader(DocumentReader.defaults().withMaxChars(maxChars));
            Previous before = previous.value();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return files.hasNext();
                }

                @Override
                public Row next() {
                    String uri = files.next();
                    return one(scorer, before, name(uri), new Path(uri), hadoop.value().value());
                }
            };
        }

        /** @return the path under the input folder, as the reports name it */
        private String name(String uri) {
            return uri.startsWith(root + "/") ? uri.substring(root.length() + 1) : uri;
        }

        private Row one(DocumentScorer scorer, Previous before, String name, Path file, Configuration conf) {
            if (DocumentReader.formatOf(name) == null) {
                return status(name, null, UNSUPPORTED);
            }
            Read read = read(name, file, conf, scorer.reader());
            if (read.sha() != null && before.pathAndSha().contains(name + "\0" + read.sha())) {
                return status(name, read.sha(), DONE);
            }
            if (read.sha() != null && before.reusable(read.sha(), name)) {
                return status(name, read.sha(), REUSED);
            }
            DocumentReport r;
            if (read.problem() != null) {
                r = new DocumentReport.Failed(name, Optional.ofNullable(read.sha()), scorer.models().criterion(),
                    read.problem());
            } else {
                try {
                    r = scorer.score(name, read.sha(), read.bytes());
                } catch (OutOfMemoryError e) {
                    // one huge document must not fail the stage: what it allocated is garbage now
                    r = new DocumentReport.Failed(name, Optional.ofNullable(read.sha()), scorer.models().criterion(),
                        "out of memory while reading or scoring it; the other documents go on (more executor memory)");
                }
            }
            Row row = ReportRows.of(r);
            Object[] v = new Object[row.length() + 1];
            for (int i = 0; i < row.length(); i++) {
                v[i] = row.get(i);
            }
            v[row.length()] = SCORED;
            return RowFactory.create(v);
        }

        private static Row status(String name, String sha, String status) {
            Object[] v = new Object[WORK.size()];
            v[0] = name;
            v[1] = sha;
            v[v.length - 1] = status;
            return RowFactory.create(v);
        }
    }

    /** A file's bytes and hash, or why it cannot be scored. */
    private record Read(byte[] bytes, String sha, String problem) {}

    /**
     * Reads at most the reader's cap (as {@link DocumentReader#readBytes} does for a local file): a
     * larger file is hashed in a stream and refused, never held in memory.
     */
    static Read read(String name, Path file, Configuration conf, DocumentReader reader) {
        String format = DocumentReader.formatOf(name);
        boolean plain = "text".equals(format) || "markdown".equals(format);
        // a text file of n bytes decodes to at least n / 4 characters
        long limit = plain ? Math.min(reader.maxFileBytes(), 4L * reader.maxChars()) : reader.maxFileBytes();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        long size = 0;
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            byte[] head = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            sha.update(head);
            size = head.length;
            if (head.length <= limit) {
                return new Read(head, HexFormat.of().formatHex(sha.digest()), null);
            }
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
                size += n;
            }
        } catch (java.io.FileNotFoundException e) {
            return new Read(null, null, "no such file (removed since the folder was listed)");
        } catch (IOException | RuntimeException e) {
            return new Read(null, null, "cannot read: " + String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " "));
        }
        return new Read(null, HexFormat.of().formatHex(sha.digest()), String.format(Locale.ROOT, plain
            ? "too large: %,d bytes; texts are capped at %,d characters (--max-chars), so such a file over %,d bytes "
                + "is not read"
            : "too large: %,d bytes; the cap is %3$,d bytes of file (and %2$,d characters of text)",
            size, reader.maxChars(), limit));
    }
}
