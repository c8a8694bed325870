package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.InputData;
import io.sparkdp.data.InputFormats;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Recurrent models on a real sequence task: sequential Fashion-MNIST in csvseq form, each image
 * a sequence of its rows, trailing black rows dropped so that sequences are padded and masked.
 * {@code lstm} and {@code bilstm} learn it through local[2] with both strategies, evaluation
 * reports what validation did, and one worker equals DL4J's own fit on the same masked batches,
 * also with labels per time step.
 */
class SequenceTrainingTest {
    private static final int TRAIN = 1000;
    private static final int TEST = 400;

    @TempDir
    static Path tmp;
    private static JavaSparkContext spark;
    private static String train;
    private static String test;

    @BeforeAll
    static void start() {
        spark = SparkFixture.local(2);
        int shortest = FashionSequences.write(tmp.resolve("train"), IdxSource.Part.TRAIN, TRAIN);
        FashionSequences.write(tmp.resolve("test"), IdxSource.Part.TEST, TEST);
        assertTrue(shortest < FashionSequences.SIDE, "some sequences are shorter, so padding and masks matter");
        train = "csvseq:" + tmp.resolve("train").toUri();
        test = "csvseq:" + tmp.resolve("test").toUri();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static TrainConfig.Builder config(String model, String strategy, String output) {
        return TrainConfig.builder().data(train).validation(test).validationSplit(0).model(model).strategy(strategy).epochs(3).batchSize(32)
                .recipe(RecipeConfig.defaults().withModelArgs(Map.of("hidden", "32")))
                .workers(2).optimizer("adam").learningRate(0.005).seed(11L).limit(TRAIN)
                .output(tmp.resolve(output).toString()).overwrite(true)
                .recovery(TrainConfig.defaults().recovery().withCheckpointDir("none"));
    }

    private static TrainResult fit(TrainConfig config) {
        return new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
    }

    private static double evaluate(TrainResult result) {
        return new EvaluateJob(spark, new EvaluateConfig(result.output(), test, 100, 2, EvaluateConfig.DEFAULT_TOP_K, "",
                DataConfig.defaults())).run().classification().accuracy();
    }

    private static void learns(TrainResult result, String what, double floor) {
        double first = result.epochs().get(0).trainLoss();
        double last = result.epochs().get(result.epochs().size() - 1).trainLoss();
        double validation = result.epochs().get(result.epochs().size() - 1).validationAccuracy();
        System.out.printf("%s: train loss %.4f -> %.4f, validation accuracy %.4f%n", what, first, last, validation);
        assertTrue(last < first, what + ": loss falls from " + first + " to " + last);
        assertTrue(validation > floor, what + ": test accuracy " + validation + " above " + floor);
        assertEquals(validation, evaluate(result), 1e-9, what + ": evaluate reports what validation did");
    }

    @Test
    void lstmLearnsSequentialFashionMnistWithSync() {
        learns(fit(config("lstm", "sync", "lstm-sync.zip").build()), "lstm sync", 0.65);
    }

    @Test
    void bilstmLearnsSequentialFashionMnistWithAverage() {
        learns(fit(config("bilstm", "average", "bilstm-average.zip").build()), "bilstm average", 0.65);
    }

    @Test
    void oneWorkerSyncEqualsDl4jFitOnTheSameMaskedBatches() {
        TrainConfig config = config("bilstm", "sync", "one.zip").validation("none").workers(1).epochs(1).limit(300)
                .validationSplit(0).build();
        DataSchema schema = equalsDl4jFit(config);
        assertTrue(schema.sequence() && schema.channels() == 28 && schema.width() == 28, "schema " + schema);
    }

    @Test
    void oneWorkerSyncEqualsDl4jFitWithLabelsPerTimeStepUnderTheirMask() {
        Path tags = tmp.resolve("tags");
        TaggedSequences.write(tags, 200, 3);
        TrainConfig config = config("lstm", "sync", "tags.zip").data("csvseq:" + tags.toUri()).validation("none")
                .workers(1).epochs(1).limit(200).validationSplit(0).build();
        DataSchema schema = equalsDl4jFit(config);
        assertTrue(schema.stepLabels() && schema.channels() == 2 && schema.width() == 10, "schema " + schema);
    }

    @Test
    void anyDl4jRecurrentConfigurationTrainsOnSequencesAndAWrongStepWidthIsRefused() throws java.io.IOException {
        TrainConfig zoo = config("lstm", "sync", "json.zip").validation("none").limit(200).epochs(1).validationSplit(0).build();
        InputData data = InputFormats.open(train, IdxSource.Part.TRAIN, zoo.input(), spark);
        Path json = tmp.resolve("lstm.json");
        java.nio.file.Files.writeString(json, io.sparkdp.models.ModelZoo.network("lstm", zoo.modelRequest(data.schema(), 1,
                DataType.FLOAT)).toJson());
        TrainResult result = fit(config(json.toString(), "average", "json.zip").validation("none").limit(200).epochs(1)
                .validationSplit(0).recipe(RecipeConfig.defaults()).build());
        assertTrue(Double.isFinite(result.epochs().get(0).trainLoss()), "a configuration file trains on csvseq data");

        Path tags = tmp.resolve("json-tags");
        TaggedSequences.write(tags, 20, 4);
        String wrong = org.junit.jupiter.api.Assertions.assertThrows(io.sparkdp.data.BadDataException.class,
                () -> fit(config(json.toString(), "sync", "wrong.zip").data("csvseq:" + tags.toUri()).validation("none")
                        .limit(20).validationSplit(0).recipe(RecipeConfig.defaults()).build())).getMessage();
        assertTrue(wrong.contains("reads 28 features per time step, but the data has sequences of up to 10 steps of 2"
                + " features"), wrong);
    }

    private static DataSchema equalsDl4jFit(TrainConfig config) {
        return MaskedFitEquivalence.assertEqualsDl4jFit(spark, config);
    }
}
