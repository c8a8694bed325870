package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.InputFormats;
import io.sparkdp.data.Minibatch;
import io.sparkdp.data.Normalization;
import io.sparkdp.data.Split;
import io.sparkdp.data.SplitRequest;
import io.sparkdp.data.Task;
import io.sparkdp.driver.config.ConfigJson;
import io.sparkdp.driver.config.EarlyStoppingConfig;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.MetricsWriter;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.worker.Batches;
import io.sparkdp.worker.RegressionMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code --task regression} end to end on Friedman's noisy non-linear benchmark ({@link FriedmanCsv}),
 * written as CSV in the test: an mlp trained through {@code local[2]} explains most of the
 * variance on records it never saw, and its metrics are those of a direct computation; one
 * worker equals one machine; a resumed run equals an uninterrupted one.
 */
class RegressionTrainingTest {
    private static final DataConfig INPUT = DataConfig.defaults().withTask(Task.REGRESSION).withHeader(true)
            .withLabelColumn("y");

    @TempDir
    static Path tmp;
    private static JavaSparkContext spark;
    private static String train;
    private static String test;

    @BeforeAll
    static void start() {
        spark = SparkFixture.local(2);
        train = "csv:" + FriedmanCsv.write(tmp.resolve("train"), 3000, 2, 1L).toUri();
        test = "csv:" + FriedmanCsv.write(tmp.resolve("test"), 1000, 1, 2L).toUri();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static TrainConfig.Builder mlp(String output) {
        return TrainConfig.builder().data(train).model("mlp").input(INPUT)
                .recipe(TrainConfig.defaults().recipe().withModelArgs(Map.of("hidden", "64,64")))
                .epochs(12).batchSize(32).workers(2).seed(5L).learningRate(3e-3).validationSplit(0.1)
                .output(tmp.resolve(output).toString()).overwrite(true)
                .recovery(RecoveryConfig.defaults().withCheckpointDir("none"));
    }

    private static TrainResult fit(TrainConfig config) {
        return new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
    }

    @Test
    void anMlpLearnsTheNoisyNonLinearFunctionFarBetterThanTheMeanAndItsMetricsAreTheDirectOnes() throws IOException {
        String run = tmp.resolve("run").toString();
        TrainResult result = fit(mlp("mlp.zip").recovery(RecoveryConfig.defaults().withCheckpointDir(run))
                .earlyStopping(EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.LOSS, 3)).build());
        String json = tmp.resolve("metrics.json").toString();
        RegressionMetrics metrics = new EvaluateJob(spark, new EvaluateConfig(result.output(), test, 500, 2,
                EvaluateConfig.DEFAULT_TOP_K, json, DataConfig.defaults().withHeader(true).withLabelColumn("y"))).run()
                .regression();

        assertEquals(1000, metrics.examples());
        assertTrue(metrics.rSquared() > 0.85, "R² on unseen records " + metrics.rSquared());
        assertDirect(metrics, result.output());
        JsonNode written = new ObjectMapper().readTree(Files.readString(Path.of(json)));
        assertEquals("regression", written.get("task").asText());
        assertEquals(metrics.rSquared(), written.get("r2").asDouble(), 1e-12);
        assertEquals(metrics.rmse(0), written.get("per_target").get("rmse").get(0).asDouble(), 1e-12);

        List<String> lines = Files.readAllLines(Path.of(run, MetricsWriter.FILE_NAME));
        JsonNode lastEpoch = lines.stream().map(RegressionTrainingTest::tree).filter(l -> "epoch".equals(l.get("type").asText()))
                .reduce((a, b) -> b).orElseThrow();
        JsonNode validation = lastEpoch.get("validation");
        assertTrue(validation.get("r2").asDouble() > 0.8 && validation.has("rmse") && validation.has("mae")
                && !validation.has("accuracy"), validation.toString());
        ModelMetadata saved = new ModelStore(spark.hadoopConfiguration()).loadStored(result.output()).metadata().orElseThrow();
        assertEquals(Task.REGRESSION, saved.task());
        assertEquals(List.of("y"), saved.input().targetNames());
    }

    /** The model's predictions on the test records, scored by the definitions of MSE, MAE and R². */
    private static void assertDirect(RegressionMetrics metrics, String model) {
        MultiLayerNetwork network = new ModelStore(spark.hadoopConfiguration()).loadForInference(model).model().asMultiLayer();
        List<ExampleBlock> blocks = InputFormats.open(test, IdxSource.Part.TEST, INPUT, spark).all(spark, 1).collect();
        double sse = 0;
        double sae = 0;
        double sum = 0;
        double sumSquares = 0;
        int n = 0;
        for (ExampleBlock block : blocks) {
            Minibatch batch = block.range(0, block.size());
            DataSet data = Batches.toDataSet(batch, DataType.FLOAT);
            INDArray predicted = network.output(data.getFeatures(), false);
            for (int i = 0; i < batch.size(); i++) {
                double y = data.getLabels().getDouble(i, 0);
                double error = y - predicted.getDouble(i, 0);
                sse += error * error;
                sae += Math.abs(error);
                sum += y;
                sumSquares += y * y;
                n++;
            }
        }
        double sst = sumSquares - sum * sum / n;
        assertEquals(sse / n, metrics.meanSquaredError(), 1e-6 * sse / n, "MSE");
        assertEquals(sae / n, metrics.meanAbsoluteError(), 1e-6 * sae / n, "MAE");
        assertEquals(1 - sse / sst, metrics.rSquared(), 1e-6, "R²");
        assertEquals(sse / n, metrics.loss(), 1e-4 * sse / n, "MSE loss of one target, no penalty");
    }

    private static JsonNode tree(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneWorkerEqualsOneMachineOnARegressionBatch() {
        TrainConfig config = mlp("one.zip").workers(1).epochs(2).limit(400).validationSplit(0).build();
        Split split = InputFormats.open(train, IdxSource.Part.TRAIN, INPUT, spark)
                .split(spark, new SplitRequest(config.limit(), 0, 1, config.seed()));
        DataSchema schema = DataSchema.regression(FriedmanCsv.FEATURES, List.of("y"));
        ReferenceSetup setup = ReferenceSetup.of(config, split.plan(), split.train().collect(), schema, DataType.FLOAT);
        MultiLayerNetwork untrained = setup.model().clone();
        MultiLayerNetwork reference = SingleMachineReference.train(config, setup, DataType.FLOAT);

        MultiLayerNetwork trained = fit(config).network();

        double diff = ReferenceSetup.maxAbsDiff(reference.params(), trained.params());
        assertTrue(diff <= 1e-6, "parameters differ by " + diff);
        assertTrue(ReferenceSetup.maxAbsDiff(untrained.params(), trained.params()) > 1e-3, "training moved them");
    }

    @Test
    void aStandardizedRegressionRunResumedFromItsCheckpointEqualsAnUninterruptedOne() {
        DataConfig standardize = INPUT.withNormalize(Normalization.STANDARDIZE);
        RecoveryConfig checkpoints = RecoveryConfig.defaults().withCheckpointDir(tmp.resolve("ckpt").toString());
        TrainResult straight = fit(mlp("straight.zip").input(standardize).epochs(2).limit(600).build());
        fit(mlp("stopped.zip").input(standardize).epochs(1).limit(600).recovery(checkpoints).build());
        TrainResult resumed = fit(mlp("resumed.zip").input(standardize).epochs(2).limit(600)
                .recovery(checkpoints.withResume(RecoveryConfig.Resume.REQUIRED)).build());

        TestNetworks.assertSameTraining(straight.network(), resumed.network());
        for (int e = 0; e < 2; e++) {
            assertEquals(straight.epochs().get(e).validationLoss(), resumed.epochs().get(e).validationLoss(), 1e-9);
        }
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> fit(mlp("other.zip")
                .input(standardize.withTask(Task.CLASSIFICATION)).epochs(2).limit(600)
                .recovery(checkpoints.withResume(RecoveryConfig.Resume.REQUIRED)).build()));
        assertTrue(other.getMessage().contains("input.task: REGRESSION in the checkpoint, CLASSIFICATION now"), other.getMessage());
    }

    @Test
    void theRegressionConfigurationRoundTripsAndNonsenseIsRefusedInOneLine() {
        TrainConfig config = mlp("rt.zip").input(INPUT.withLabelColumn("y,x9").withNormalize(Normalization.MINMAX)).build();
        assertEquals(config, ConfigJson.read(ConfigJson.write(config), TrainConfig.class));
        ModelMetadata metadata = ModelMetadata.of(DataSchema.regression(9, List.of("y", "x9")),
                io.sparkdp.data.Normalizer.none());
        assertEquals(metadata, ConfigJson.read(ConfigJson.write(metadata), ModelMetadata.class));
        ModelMetadata old = ConfigJson.read("{\"input\":{\"channels\":1,\"height\":28,\"width\":28,\"image\":true,"
                + "\"classNames\":[\"a\",\"b\"]},\"normalization\":\"scale\"}", ModelMetadata.class);
        assertEquals(Task.CLASSIFICATION, old.task(), "a model saved before regression existed is a classifier");

        String accuracy = assertThrows(IllegalArgumentException.class, () -> mlp("x.zip")
                .earlyStopping(EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.ACCURACY, 2)).build()).getMessage();
        assertTrue(accuracy.contains("--early-stopping-metric accuracy is a classification metric"), accuracy);
        String cnn = assertThrows(IllegalArgumentException.class, () -> mlp("x.zip").model("cnn")
                .recipe(RecipeConfig.defaults()).build()).getMessage();
        assertTrue(cnn.contains("model cnn is a classifier"), cnn);
        String hinge = assertThrows(IllegalArgumentException.class, () -> mlp("x.zip")
                .recipe(new RecipeConfig(Map.of(), "hinge", "auto", 0, 0, 0, 0, "none", 0.5, 1)).build()).getMessage();
        assertTrue(hinge.contains("--loss hinge is a classification loss"), hinge);
    }
}
