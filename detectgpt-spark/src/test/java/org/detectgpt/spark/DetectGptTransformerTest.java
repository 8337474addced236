package org.detectgpt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.detectgpt.calibrate.CalibrationSet;
import org.detectgpt.detect.Detector;
import org.detectgpt.models.BundledModels;
import org.detectgpt.language.Language;
import org.detectgpt.language.TextMeasure;
import org.detectgpt.model.nn.EngineThreads;
import org.detectgpt.text.Whitespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectGptTransformerTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTests.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final StructType TEXTS = new StructType()
        .add("id", DataTypes.IntegerType, false).add("essay", DataTypes.StringType, true);

    private static Dataset<Row> texts(List<String> texts) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, texts.get(i)));
        }
        return spark.createDataFrame(rows, TEXTS).repartition(2);
    }

    /** The detectors the executors of this JVM hold (loading them again would cost the test half a minute). */
    private static Detector detector(Language language) throws Exception {
        return ExecutorModels.scorer(new ModelSpec("", "ensemble")).models().forLanguage(language);
    }

    @Test
    void scoresEachDevelopmentTextAsDetectorDetectDoes() throws Exception {
        List<SparkTests.DevText> dev = SparkTests.devTexts();
        Dataset<Row> out = new DetectGptTransformer().setInputCol("essay")
            .transform(texts(dev.stream().map(SparkTests.DevText::text).toList()));
        Map<Integer, Row> byId = out.collectAsList().stream().collect(Collectors.toMap(r -> r.getInt(0), Function.identity()));
        assertEquals(dev.size(), byId.size());
        Detector en = detector(Language.ENGLISH);
        Detector zh = detector(Language.CHINESE);
        CalibrationSet cal = CalibrationSet.read(BundledModels.defaultFor(Language.ENGLISH).orElseThrow()
            .calibration().orElseThrow());
        int machineRight = 0;
        for (int i = 0; i < dev.size(); i++) {
            SparkTests.DevText t = dev.get(i);
            Row r = byId.get(i);
            boolean chinese = t.chinese();
            Language lang = chinese ? Language.CHINESE : Language.ENGLISH;
            Detector d = chinese ? zh : en;
            double expected = d.detect(Whitespace.collapse(t.text())).score();
            assertEquals(lang.code(), r.getAs("language"), "text " + i);
            assertEquals(expected, (double) r.getAs("score"), 0.0, "text " + i);
            assertEquals(d.modelIdentity(), r.getAs("model"), "text " + i);
            assertNull(r.getAs("error"), "text " + i);
            var a = cal.forLanguage(lang).orElseThrow().assess(expected);
            // the documented length rule: under 100 words (Chinese: 200 characters) no verdict
            boolean tooShortForVerdict = TextMeasure.of(t.text()).words() < (chinese ? 200 : 100);
            assertEquals(tooShortForVerdict ? "inconclusive" : a.verdict().label(), r.getAs("verdict"), "text " + i);
            assertEquals(a.probability(), (double) r.getAs("probability"), 0.0, "text " + i);
            if (t.label() == 1 && a.verdict().label().equals("likely-machine")) {
                machineRight++;
            }
        }
        // the fixture's machine texts are what the detector was made for: most must be caught
        assertTrue(machineRight >= 3, machineRight + " of 6 machine texts called likely-machine");
        // the tasks (spark.task.cpus = 1) gave the engine's native threads one core each
        assertEquals(1, EngineThreads.perCaller());
    }

    @Test
    void badTextsBecomeErrorRowsNotAFailedStage() {
        List<String> in = new ArrayList<>();
        in.add(null);
        in.add("   ");
        in.add("x".repeat(250_000));
        in.add("A short note of a few words.");
        List<Row> rows = new DetectGptTransformer().setInputCol("essay").transform(texts(in)).orderBy("id")
            .collectAsList();
        assertEquals(List.of("error", "error", "error", "too-short"),
            rows.stream().map(r -> (String) r.getAs("verdict")).toList());
        assertEquals("no text (null)", rows.get(0).getAs("error"));
        assertEquals("no text (empty or only whitespace)", rows.get(1).getAs("error"));
        String tooLong = rows.get(2).getAs("error");
        assertTrue(tooLong.startsWith("text too long: 250,000 characters"), tooLong);
        assertNull(rows.get(3).getAs("error"));
        assertNull(rows.get(3).getAs("score"));
        assertEquals("en", rows.get(3).getAs("language"));
    }

    @Test
    void refusesAMissingOrNonTextColumnAndATakenOutputName() {
        Dataset<Row> df = texts(List.of("text"));
        var e = assertThrows(IllegalArgumentException.class, () -> new DetectGptTransformer().transform(df));
        assertEquals("no input column 'text' (columns: id, essay)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> new DetectGptTransformer().setInputCol("id").transform(df));
        assertEquals("input column 'id' is int, not string", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> new DetectGptTransformer().setInputCol("essay").setScoreCol("id").transform(df));
        assertEquals("output column 'id' exists already", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> new DetectGptTransformer().setInputCol("essay").setCriterion("magic").transform(df));
        assertTrue(e.getMessage().startsWith("unknown criterion 'magic'"), e.getMessage());
    }

    @Test
    void aCalibrationThatIsNoCalibrationFailsOnTheDriverNamingTheFile(@TempDir Path dir) throws Exception {
        Path bad = java.nio.file.Files.writeString(dir.resolve("cal.json"), "{\"format\": \"something else\"}");
        var e = assertThrows(IllegalArgumentException.class, () -> new DetectGptTransformer().setInputCol("essay")
            .setCalibration(bad.toString()).transform(texts(List.of("text"))));
        assertEquals(bad + ": not a calibration file: format is not detectgpt-calibration/2", e.getMessage());
        assertNotNull(e);
    }

    @Test
    void savedAndLoadedWithItsParamsAloneAndInAPipeline(@TempDir Path dir) throws Exception {
        DetectGptTransformer t = new DetectGptTransformer().setInputCol("essay").setScoreCol("s").setVerdictCol("v")
            .setErrorCol("why").setCriterion("ensemble");
        Dataset<Row> df = texts(SparkTests.devTexts().subList(0, 3).stream().map(SparkTests.DevText::text).toList());
        String path = dir.resolve("transformer").toString();
        t.write().overwrite().save(path);
        DetectGptTransformer back = DetectGptTransformer.load(path);
        assertEquals(t.uid(), back.uid());
        assertEquals("essay", back.getOrDefault(back.inputCol()));
        assertEquals("s", back.getOrDefault(back.scoreCol()));
        assertEquals("v", back.getOrDefault(back.verdictCol()));
        assertEquals("why", back.getOrDefault(back.errorCol()));
        assertEquals("probability", back.getOrDefault(back.probabilityCol()));
        assertEquals(t.extractParamMap().toString(), back.extractParamMap().toString());
        List<Row> expected = t.transform(df).orderBy("id").collectAsList();
        assertEquals(expected, back.transform(df).orderBy("id").collectAsList());

        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {t}).fit(df);
        String pipe = dir.resolve("pipeline").toString();
        model.write().overwrite().save(pipe);
        assertEquals(expected, PipelineModel.load(pipe).transform(df).orderBy("id").collectAsList());
    }
}
