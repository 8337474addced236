package org.detectgpt.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.detectgpt.DetectGptException;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.scan.DocumentScorer;

/**
 * Scores a DataFrame of texts: a Spark ML {@link Transformer} that appends, for the text in
 * {@code inputCol}, its score, verdict, P(machine), language, model and error (one line, only for
 * texts that could not be scored). Each text goes through the same path as a {@code .txt} file in
 * {@code detectgpt scan} (whitespace normalised, language detected, length rules, the calibration's
 * verdict), so a row's numbers are the scan's.
 *
 * <p>The models are loaded once per executor JVM ({@link ExecutorModels}); the calibration is read
 * once on the driver and broadcast. A text that cannot be scored (null, empty, too long, …) gets an
 * {@code error} verdict and the reason in {@code errorCol}; it never fails the stage.
 *
 * <pre>{@code
 * Dataset<Row> scored = new DetectGptTransformer().setInputCol("essay").transform(essays);
 * }</pre>
 *
 * <p>Saved and loaded with {@link #write()} / {@link #load(String)} (Spark's default params format).
 */
public final class DetectGptTransformer extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> scoreCol;
    private final Param<String> verdictCol;
    private final Param<String> probabilityCol;
    private final Param<String> languageCol;
    private final Param<String> modelCol;
    private final Param<String> errorCol;
    private final Param<String> model;
    private final Param<String> criterion;
    private final Param<String> calibration;

    /** A transformer with a random uid and the defaults. */
    public DetectGptTransformer() {
        this(Identifiable.randomUID("detectgpt"));
    }

    /**
     * @param uid its uid (Spark's reader calls this)
     */
    public DetectGptTransformer(String uid) {
        this.uid = uid;
        // created after the uid: a Param records its parent's uid when made
        inputCol = new Param<>(uid, "inputCol", "column of the texts to score");
        scoreCol = new Param<>(uid, "scoreCol", "output column: the criterion's score");
        verdictCol = new Param<>(uid, "verdictCol", "output column: the verdict");
        probabilityCol = new Param<>(uid, "probabilityCol",
            "output column: P(machine) from the calibration");
        languageCol = new Param<>(uid, "languageCol", "output column: en, zh or other");
        modelCol = new Param<>(uid, "modelCol", "output column: the scoring model's name");
        errorCol = new Param<>(uid, "errorCol",
            "output column: why a text could not be scored, else null");
        model = new Param<>(uid, "model", "model: empty for the embedded defaults, a "
            + "folder on every node, a bundled or pulled model's name, or a Hadoop URI (hdfs:, file:) copied to local disk");
        criterion = new Param<>(uid, "criterion", "criterion name (default ensemble)");
        calibration = new Param<>(uid, "calibration",
            "calibration file (path or Hadoop URI); empty for the bundled model's own");
        setDefault(inputCol, "text");
        setDefault(scoreCol, "score");
        setDefault(verdictCol, "verdict");
        setDefault(probabilityCol, "probability");
        setDefault(languageCol, "language");
        setDefault(modelCol, "model");
        setDefault(errorCol, "error");
        setDefault(model, "");
        setDefault(criterion, "ensemble");
        setDefault(calibration, "");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the input column param */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** @return the score column param */
    public Param<String> scoreCol() {
        return scoreCol;
    }

    /** @return the verdict column param */
    public Param<String> verdictCol() {
        return verdictCol;
    }

    /** @return the P(machine) column param */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** @return the language column param */
    public Param<String> languageCol() {
        return languageCol;
    }

    /** @return the model column param */
    public Param<String> modelCol() {
        return modelCol;
    }

    /** @return the error column param */
    public Param<String> errorCol() {
        return errorCol;
    }

    /** @return the model param */
    public Param<String> model() {
        return model;
    }

    /** @return the criterion param */
    public Param<String> criterion() {
        return criterion;
    }

    /** @return the calibration param */
    public Param<String> calibration() {
        return calibration;
    }

    /** @return this, reading texts from {@code c} */
    public DetectGptTransformer setInputCol(String c) {
        set(inputCol, c);
        return this;
    }

    /** @return this, writing scores to {@code c} */
    public DetectGptTransformer setScoreCol(String c) {
        set(scoreCol, c);
        return this;
    }

    /** @return this, writing verdicts to {@code c} */
    public DetectGptTransformer setVerdictCol(String c) {
        set(verdictCol, c);
        return this;
    }

    /** @return this, writing P(machine) to {@code c} */
    public DetectGptTransformer setProbabilityCol(String c) {
        set(probabilityCol, c);
        return this;
    }

    /** @return this, writing languages to {@code c} */
    public DetectGptTransformer setLanguageCol(String c) {
        set(languageCol, c);
        return this;
    }

    /** @return this, writing model names to {@code c} */
    public DetectGptTransformer setModelCol(String c) {
        set(modelCol, c);
        return this;
    }

    /** @return this, writing errors to {@code c} */
    public DetectGptTransformer setErrorCol(String c) {
        set(errorCol, c);
        return this;
    }

    /** @return this, scoring with model {@code m} (see {@link ModelSpec#model()}) */
    public DetectGptTransformer setModel(String m) {
        set(model, m);
        return this;
    }

    /** @return this, scoring with criterion {@code c} */
    public DetectGptTransformer setCriterion(String c) {
        set(criterion, c);
        return this;
    }

    /** @return this, giving verdicts with the calibration file {@code c} */
    public DetectGptTransformer setCalibration(String c) {
        set(calibration, c);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String in = $(inputCol);
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(in)) {
            throw new IllegalArgumentException("no input column '" + in + "' (columns: "
                + String.join(", ", schema.fieldNames()) + ")");
        }
        if (!schema.apply(in).dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("input column '" + in + "' is " + schema.apply(in).dataType()
                .simpleString() + ", not string");
        }
        StructType out = schema;
        for (StructField f : outputFields()) {
            if (java.util.Arrays.asList(schema.fieldNames()).contains(f.name())) {
                throw new IllegalArgumentException("output column '" + f.name() + "' exists already");
            }
            out = out.add(f);
        }
        return out;
    }

    private StructField[] outputFields() {
        return new StructField[] {
            DataTypes.createStructField($(scoreCol), DataTypes.DoubleType, true),
            DataTypes.createStructField($(verdictCol), DataTypes.StringType, false),
            DataTypes.createStructField($(probabilityCol), DataTypes.DoubleType, true),
            DataTypes.createStructField($(languageCol), DataTypes.StringType, true),
            DataTypes.createStructField($(modelCol), DataTypes.StringType, true),
            DataTypes.createStructField($(errorCol), DataTypes.StringType, true)};
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        SparkSession spark = dataset.sparkSession();
        ModelSpec spec = new ModelSpec($(model), $(criterion));
        CalibrationPayload payload;
        try {
            payload = CalibrationPayload.load($(calibration), spec, spark.sparkContext().hadoopConfiguration());
        } catch (DetectGptException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Broadcast<CalibrationPayload> cal = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
            .broadcast(payload);
        int index = dataset.schema().fieldIndex($(inputCol));
        return dataset.toDF().mapPartitions(new ScoreTexts(spec, cal, index), Encoders.row(schema));
    }

    /** Scores a partition's texts with the executor's models (no reference to the transformer). */
    private static final class ScoreTexts implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ModelSpec spec;
        private final Broadcast<CalibrationPayload> calibration;
        private final int index;

        ScoreTexts(ModelSpec spec, Broadcast<CalibrationPayload> calibration, int index) {
            this.spec = spec;
            this.calibration = calibration;
            this.index = index;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) throws DetectGptException {
            DocumentScorer scorer = calibration.value().apply(ExecutorModels.scorer(spec));
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row in = rows.next();
                    org.detectgpt.report.Row r = org.detectgpt.report.Row.of(
                        score(scorer, in.isNullAt(index) ? null : in.getString(index)));
                    Object[] v = new Object[in.length() + 6];
                    for (int i = 0; i < in.length(); i++) {
                        v[i] = in.get(i);
                    }
                    int k = in.length();
                    v[k] = ReportRows.number(r.score());
                    v[k + 1] = r.label();
                    v[k + 2] = ReportRows.number(r.probability());
                    v[k + 3] = r.language();
                    v[k + 4] = r.model();
                    v[k + 5] = DocumentReport.ERROR.equals(r.label()) ? r.reason() : null;
                    return RowFactory.create(v);
                }
            };
        }
    }

    /** A text is scored as the content of a {@code .txt} file: the scan's decoding, normalisation and rules. */
    static DocumentReport score(DocumentScorer scorer, String text) {
        if (text == null) {
            return new DocumentReport.Failed("text", Optional.empty(), scorer.models().criterion(), "no text (null)");
        }
        if (text.isBlank()) {
            return new DocumentReport.Failed("text", Optional.empty(), scorer.models().criterion(),
                "no text (empty or only whitespace)");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            return scorer.score("text.txt", DocumentScorer.sha256(bytes), bytes);
        } catch (OutOfMemoryError e) {
            // one huge text must not fail the stage: what it allocated is garbage now
            return new DocumentReport.Failed("text", Optional.empty(), scorer.models().criterion(),
                "out of memory while scoring it");
        }
    }

    @Override
    public DetectGptTransformer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** @return the reader of saved transformers */
    public static MLReader<DetectGptTransformer> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * @param path where {@link #write()} saved one
     * @return the transformer
     */
    public static DetectGptTransformer load(String path) {
        return read().load(path);
    }
}
