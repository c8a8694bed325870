package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.CsvData;
import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.HadoopConf;
import io.sparkdp.data.Normalization;
import io.sparkdp.data.Normalizer;
import io.sparkdp.data.Task;
import io.sparkdp.data.TextSplit;
import io.sparkdp.driver.EvaluateJob;
import io.sparkdp.driver.FriedmanCsv;
import io.sparkdp.driver.SparkFixture;
import io.sparkdp.driver.TrainJob;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.SparkContexts;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.worker.RegressionMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code sparkdp score} over rows of features, {@code csv:} and {@code parquet:}, on local[2]:
 * a regression model trained here on Friedman CSV data writes its target values, which equal
 * DL4J's {@code output()} and give {@code sparkdp evaluate}'s MSE; a classifier scores unlabeled
 * rows; bad rows become error rows; a width that does not fit the model is refused in one line.
 */
class TabularScoreTest {
    /** DL4J's float32 forward pass differs in the last bits with the minibatch size. */
    private static final double TOLERANCE = 1e-5;

    @TempDir
    static Path tmp;
    private static JavaSparkContext spark;
    private static String regression;
    private static MultiLayerNetwork regressionNetwork;
    private static Normalizer regressionNormalizer;
    private static Path testCsv;
    private static MultiLayerNetwork classifier;
    private static Normalizer classifierNormalizer;
    private static String classifierUri;

    @BeforeAll
    static void trainAndSave() {
        spark = SparkFixture.local(2);
        String train = "csv:" + FriedmanCsv.write(tmp.resolve("train"), 1500, 1, 1L).toUri();
        testCsv = FriedmanCsv.write(tmp.resolve("test"), 300, 2, 2L);
        DataConfig input = DataConfig.defaults().withTask(Task.REGRESSION).withHeader(true).withLabelColumn("y")
                .withNormalize(Normalization.STANDARDIZE);
        TrainConfig config = TrainConfig.builder().data(train).model("mlp").input(input)
                .recipe(TrainConfig.defaults().recipe().withModelArgs(Map.of("hidden", "32")))
                .epochs(3).batchSize(32).workers(2).seed(5L).learningRate(3e-3).validationSplit(0)
                .output(tmp.resolve("friedman.zip").toString()).overwrite(true)
                .recovery(RecoveryConfig.defaults().withCheckpointDir("none")).build();
        regression = new TrainJob(spark, config, List.of(), DataType.FLOAT).fit().output();
        ModelStore.StoredModel stored = new ModelStore(spark.hadoopConfiguration()).loadForInference(regression);
        regressionNetwork = stored.model().asMultiLayer();
        regressionNormalizer = stored.metadata().orElseThrow().normalizer();

        classifier = ModelZoo.build("mlp", ModelRequest.of(new InputShape(1, 1, FriedmanCsv.FEATURES), 3, 9L,
                OptimizerConfig.defaults()));
        float[] offset = new float[FriedmanCsv.FEATURES];
        float[] scale = new float[FriedmanCsv.FEATURES];
        Arrays.fill(offset, 0.5f);
        Arrays.fill(scale, 3f);
        classifierNormalizer = new Normalizer(Normalization.STANDARDIZE, offset, scale);
        classifierUri = tmp.resolve("classifier.zip").toString();
        new ModelStore(spark.hadoopConfiguration()).save(classifier, ModelMetadata.of(new DataSchema(1, 1,
                FriedmanCsv.FEATURES, false, List.of("low", "mid", "high")), classifierNormalizer), classifierUri);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static ScoreConfig.TabularOptions csv(String labelColumn, boolean header) {
        return new ScoreConfig.TabularOptions(labelColumn, "features", header, ",");
    }

    private static ScoreSummary score(String model, String input, String output, ScoreConfig.OutputFormat format,
                                      ScoreConfig.TabularOptions options) {
        return new ScoreJob(spark, new ScoreConfig(model, input, output, format, 2, 64, false, options), line -> { }).run();
    }

    private static List<Row> read(String output, StructType schema, ScoreConfig.OutputFormat format) {
        return SparkContexts.session(spark).read().schema(ScoreRows.schemaFor(schema, format)).option("header", "true")
                .format(format.sparkSource()).load(output).collectAsList();
    }

    /** The fields of line {@code line} (1-based) of the file an id names. */
    private static String[] lineOf(String id) throws IOException {
        int colon = id.lastIndexOf(':');
        List<String> lines = Files.readAllLines(Path.of(java.net.URI.create(id.substring(0, colon))));
        return lines.get(Integer.parseInt(id.substring(colon + 1)) - 1).split(",");
    }

    private static float[] features(String[] fields, int count) {
        float[] x = new float[count];
        for (int j = 0; j < count; j++) {
            x[j] = Float.parseFloat(fields[j]);
        }
        return x;
    }

    private static double output(MultiLayerNetwork network, Normalizer normalizer, float[] x, int column) {
        float[] normalized = x.clone();
        normalizer.apply(normalized, 1, x.length);
        return network.output(Nd4j.create(normalized, new long[]{1, x.length}), false).getDouble(0, column);
    }

    /**
     * The regression case: the model's target values under the target's name, equal to
     * DL4J's output on the normalised row, and the MSE computed from the output file equals what
     * {@code sparkdp evaluate} reports. The test files keep their {@code y}, left out by name.
     */
    @Test
    void aRegressionModelWritesItsTargetValuesAndTheirMseIsEvaluates() throws IOException {
        String output = tmp.resolve("regression-parquet").toString();
        ScoreSummary summary = score(regression, "csv:" + testCsv.toUri(), output, ScoreConfig.OutputFormat.PARQUET,
                csv("y", true));
        assertEquals(300, summary.images());
        assertEquals(0, summary.bad());
        assertTrue(summary.line().startsWith("scored 300 rows (0 bad)"), summary.line());

        var frame = SparkContexts.session(spark).read().parquet(output);
        assertEquals("struct<id:string,y:double,error:string>", frame.schema().simpleString(), "documented schema");
        double squares = 0;
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Row row : frame.collectAsList()) {
            assertTrue(row.isNullAt(2), row.toString());
            assertTrue(ids.add(row.getString(0)), "one row per input row: " + row);
            String[] fields = lineOf(row.getString(0));
            float[] x = features(fields, FriedmanCsv.FEATURES);
            assertEquals(output(regressionNetwork, regressionNormalizer, x, 0), row.getDouble(1), TOLERANCE, row.toString());
            double error = Float.parseFloat(fields[FriedmanCsv.FEATURES]) - row.getDouble(1);
            squares += error * error;
        }
        RegressionMetrics evaluated = new EvaluateJob(spark, new EvaluateConfig(regression, "csv:" + testCsv.toUri(), 100, 2,
                EvaluateConfig.DEFAULT_TOP_K, "", DataConfig.defaults().withHeader(true).withLabelColumn("y"))).run().regression();
        assertEquals(evaluated.meanSquaredError(), squares / 300, 1e-5 * evaluated.meanSquaredError(), "MSE from the output file");

        String csvOutput = tmp.resolve("regression-csv").toString();
        score(regression, "csv:" + testCsv.toUri(), csvOutput, ScoreConfig.OutputFormat.CSV, csv("10", true));
        ScoreRows.Output targets = new ScoreRows.Targets(List.of("y"));
        List<Row> rows = read(csvOutput, targets.schema(), ScoreConfig.OutputFormat.CSV);
        assertEquals(300, rows.size());
        Row any = rows.get(0);
        assertEquals(output(regressionNetwork, regressionNormalizer, features(lineOf(any.getString(0)), 10), 0),
                any.getDouble(1), TOLERANCE, "the label column left out by index, written as CSV");
    }

    /** Rows without a label, a header or a good shape everywhere: the bad ones become error rows and are counted. */
    @Test
    void unlabeledCsvRowsAreScoredAndBadRowsBecomeErrorRows() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("unlabeled"));
        List<String> lines = new ArrayList<>();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 40; i++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < FriedmanCsv.FEATURES; j++) {
                line.append(j == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.5f", random.nextDouble()));
            }
            lines.add(line.toString());
        }
        Map<Integer, String> bad = Map.of(5, "1,2,3", 9, "0.1,0.2,abc,0.4,0.5,0.6,0.7,0.8,0.9,1.0",
                13, "0.1,NaN,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0", 17, "\"0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0");
        bad.forEach(lines::set);
        lines.set(20, "   ");
        Files.write(dir.resolve("rows.csv"), lines, StandardCharsets.UTF_8);
        String output = tmp.resolve("unlabeled-out").toString();
        ScoreSummary summary = score(classifierUri, "csv:" + dir, output, ScoreConfig.OutputFormat.JSONL,
                ScoreConfig.TabularOptions.defaults());
        assertEquals(39, summary.images(), "a row per line but the blank one");
        assertEquals(4, summary.bad());

        Map<Integer, String> errors = new HashMap<>();
        for (Row row : read(output, ScoreRows.SCHEMA, ScoreConfig.OutputFormat.JSONL)) {
            String id = row.getString(0);
            int line = Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
            assertTrue(id.startsWith(dir.resolve("rows.csv").toUri().toString().replace("file:///", "file:/")), id);
            if (!row.isNullAt(5)) {
                errors.put(line - 1, row.getString(5));
                assertTrue(row.isNullAt(1) && row.isNullAt(2), "no prediction: " + row);
                continue;
            }
            float[] x = features(lines.get(line - 1).split(","), FriedmanCsv.FEATURES);
            double[] p = new double[3];
            for (int c = 0; c < 3; c++) {
                p[c] = output(classifier, classifierNormalizer, x, c);
            }
            int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            assertEquals(List.of("low", "mid", "high").get(best), row.getString(1), "saved class name, line " + line);
            assertEquals(p[best], row.getDouble(2), TOLERANCE);
            assertEquals(2, row.getList(3).size(), "top-k");
        }
        assertEquals(bad.keySet(), errors.keySet(), errors.toString());
        assertEquals("3 fields, but the rows have 10", errors.get(5));
        assertEquals("column 2 is 'abc', not a number", errors.get(9));
        assertEquals("column 1 is NaN; features must be finite numbers", errors.get(13));
        assertEquals("a quoted field is not closed at the end of the line", errors.get(17));
    }

    /** A file cut into byte ranges anywhere still numbers every row by its line in the file, each read once. */
    @Test
    void csvSplitsNumberRowsByTheirLineInTheFile() throws IOException {
        Path file = testCsv.resolve("part-00000.csv");
        long size = Files.size(file);
        List<TextSplit> splits = new ArrayList<>();
        long[] cuts = {0, 1, 700, 701, 2222, size / 2, size - 3, size};
        for (int c = 0; c + 1 < cuts.length; c++) {
            splits.add(new TextSplit(file.toUri().toString(), cuts[c], cuts[c + 1] - cuts[c]));
        }
        CsvData.Layout layout = CsvData.unlabeledLayout(file.toUri().toString(), List.of("y"),
                DataConfig.defaults().withHeader(true), spark.hadoopConfiguration());
        var conf = spark.broadcast(new HadoopConf(spark.hadoopConfiguration()));
        List<ScoreInput> rows = TabularSource.csvRows(spark, splits, layout, conf).collect();
        List<String> lines = Files.readAllLines(file);
        assertEquals(lines.size() - 1, rows.size(), "every line but the header, once");
        for (ScoreInput row : rows) {
            ScoreInput.Features features = (ScoreInput.Features) row;
            String[] fields = lineOf(features.id());
            float[] x = features(fields, FriedmanCsv.FEATURES);
            assertTrue(Arrays.equals(x, features.features()), features.id());
        }
        assertEquals(rows.size(), rows.stream().map(ScoreInput::id).distinct().count());
    }

    @Test
    void parquetRowsAreScoredByFileAndRowAndBadVectorsBecomeErrorRows() {
        StructType schema = new StructType().add("features", new VectorUDT(), true).add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 30; i++) {
            double[] x = random.doubles(FriedmanCsv.FEATURES).toArray();
            rows.add(RowFactory.create(i == 7 ? null : i == 8 ? Vectors.dense(1, 2) : Vectors.dense(x), 1.0));
        }
        String input = tmp.resolve("vectors.parquet").toString();
        SparkContexts.session(spark).createDataFrame(rows, schema).coalesce(1).write().parquet(input);
        String output = tmp.resolve("parquet-out").toString();
        ScoreSummary summary = score(classifierUri, "parquet:" + input, output, ScoreConfig.OutputFormat.PARQUET,
                ScoreConfig.TabularOptions.defaults());
        assertEquals(30, summary.images());
        assertEquals(2, summary.bad());
        for (Row row : SparkContexts.session(spark).read().parquet(output).collectAsList()) {
            String id = row.getString(0);
            int index = Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
            if (index == 7 || index == 8) {
                assertEquals(index == 7 ? "the features are null" : "2 features, but the model reads 10", row.getString(5));
                continue;
            }
            double[] x = ((org.apache.spark.ml.linalg.Vector) rows.get(index).get(0)).toArray();
            float[] f = new float[x.length];
            for (int j = 0; j < x.length; j++) {
                f[j] = (float) x[j];
            }
            double best = Math.max(output(classifier, classifierNormalizer, f, 0),
                    Math.max(output(classifier, classifierNormalizer, f, 1), output(classifier, classifierNormalizer, f, 2)));
            assertEquals(best, row.getDouble(2), TOLERANCE, "row " + index);
        }
    }

    /** The driver refuses a width other than the model's before scoring, with both; and an image input for a model of rows. */
    @Test
    void aWidthThatDoesNotFitTheModelIsRefusedWithBothShapes() {
        String input = "csv:" + testCsv.toUri();
        BadDataException wide = assertThrows(BadDataException.class, () -> score(classifierUri, input,
                tmp.resolve("never").toString(), ScoreConfig.OutputFormat.PARQUET, csv("none", true)));
        assertTrue(wide.getMessage().startsWith("input rows have 11 features but the model expects 10 features ("),
                wide.getMessage());
        assertTrue(wide.getMessage().contains("leave it out with --label-column"), wide.getMessage());
        BadDataException images = assertThrows(BadDataException.class, () -> score(classifierUri, "images:" + tmp,
                tmp.resolve("never").toString(), ScoreConfig.OutputFormat.PARQUET, csv("none", true)));
        assertTrue(images.getMessage().startsWith("the model reads rows of 10 features, not images"), images.getMessage());
        BadDataException missing = assertThrows(BadDataException.class, () -> score(classifierUri, "parquet:" + tmp.resolve("nowhere"),
                tmp.resolve("never").toString(), ScoreConfig.OutputFormat.PARQUET, csv("none", true)));
        assertTrue(missing.getMessage().startsWith("input path does not exist"), missing.getMessage());
    }
}
