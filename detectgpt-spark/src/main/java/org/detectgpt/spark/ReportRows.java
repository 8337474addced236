package org.detectgpt.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.JsonlReport;
import org.detectgpt.detect.ScoredSentence;

/**
 * A {@link DocumentReport} as a Spark row with the fields, names and order of {@code scan}'s JSON
 * Lines report ({@link JsonlReport#toJson}); numbers that do not apply are null, as there.
 */
public final class ReportRows {
    /** The sentence struct: {@code text, score, highlight, paragraph_end}. */
    public static final StructType SENTENCE = new StructType(new StructField[] {
        DataTypes.createStructField("text", DataTypes.StringType, false),
        DataTypes.createStructField("score", DataTypes.DoubleType, true),
        DataTypes.createStructField("highlight", DataTypes.BooleanType, false),
        DataTypes.createStructField("paragraph_end", DataTypes.BooleanType, false)});

    /** One document: the fields of {@code scan}'s JSON Lines report. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("sha256", DataTypes.StringType, true),
        DataTypes.createStructField("verdict", DataTypes.StringType, false),
        DataTypes.createStructField("score", DataTypes.DoubleType, true),
        DataTypes.createStructField("probability", DataTypes.DoubleType, true),
        DataTypes.createStructField("human_percentile", DataTypes.DoubleType, true),
        DataTypes.createStructField("machine_percentile", DataTypes.DoubleType, true),
        DataTypes.createStructField("language", DataTypes.StringType, true),
        DataTypes.createStructField("words", DataTypes.IntegerType, true),
        DataTypes.createStructField("model", DataTypes.StringType, true),
        DataTypes.createStructField("criterion", DataTypes.StringType, false),
        DataTypes.createStructField("reason", DataTypes.StringType, true),
        DataTypes.createStructField("format", DataTypes.StringType, true),
        DataTypes.createStructField("sentences", DataTypes.createArrayType(SENTENCE, false), false)});

    private ReportRows() {}

    /** @return the row of one document (the sentences an array: Spark's row encoder takes no Java list) */
    public static Row of(DocumentReport d) {
        org.detectgpt.report.Row r = org.detectgpt.report.Row.of(d);
        List<Row> sentences = new ArrayList<>(r.sentences().size());
        for (ScoredSentence s : r.sentences()) {
            sentences.add(RowFactory.create(s.text(), number(s.score()), s.highlighted(), s.paragraphEnd()));
        }
        return RowFactory.create(r.path(), r.sha256(), r.label(), number(r.score()), number(r.probability()),
            number(r.humanPercentile()), number(r.machinePercentile()), r.language(), r.words() >= 0 ? r.words() : null,
            r.model(), r.criterion(), r.reason(), r.format(), sentences.toArray(Row[]::new));
    }

    /** @return {@code r} under another path (the same content found under a new name) */
    public static Row withPath(Row r, String path) {
        Object[] v = new Object[r.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.get(i);
        }
        v[0] = path;
        return RowFactory.create(v);
    }

    /** JSON has no NaN: null, as in the JSON Lines report. */
    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
