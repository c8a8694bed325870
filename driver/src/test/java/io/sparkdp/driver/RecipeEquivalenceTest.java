package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelZoo;
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

/**
 * The training recipe through Spark: a loss, penalty, schedule and gradient clipping reach the
 * executors, and both strategies still equal their one-machine oracles, which clip inside
 * DL4J's own {@code fit}. Sync clips the averaged gradient of the global batch; local SGD clips
 * every local step. Dropout draws its masks from a stream seeded by the run seed for each round,
 * shard and step, so runs with dropout are bit-reproducible and still equal their oracles, which
 * seed the same way.
 */
class RecipeEquivalenceTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkFixture.local(2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static RecipeConfig recipe(String loss, double clipNorm, double clipValue, String schedule) {
        return new RecipeConfig(Map.of("hidden", "32"), loss, "he", 0, 1e-3, clipNorm, clipValue, schedule, 0.5, 0.5);
    }

    private TrainConfig config(String strategy, String optimizer, double lr, RecipeConfig recipe) {
        return TrainConfig.builder().data(FASHION).model("mlp").epochs(1).batchSize(64).workers(2).strategy(strategy)
                .averageEvery(3).output(dir.resolve("model.zip").toString()).overwrite(true).optimizer(optimizer)
                .learningRate(lr).seed(11L).validationSplit(0.0).limit(384).recipe(recipe).build();
    }

    private MultiLayerNetwork distributed(TrainConfig config) {
        return new TrainJob(spark, config, List.of(), DataType.DOUBLE).fit().network();
    }

    @Test
    void syncClipsTheAveragedGradientExactlyAsOneMachineClipsTheDoubleBatch() {
        TrainConfig clipped = config("sync", "momentum", 0.05, recipe("hinge", 0.05, 0, "cosine"));
        MultiLayerNetwork trained = distributed(clipped);

        double diff = ReferenceSetup.maxAbsDiff(SingleMachineReference.train(clipped, DataType.DOUBLE).params(), trained.params());
        assertTrue(diff <= 1e-9, "parameters differ from the one-machine oracle by " + diff);
        TrainConfig free = clipped.toBuilder().recipe(recipe("hinge", 0, 0, "cosine")).build();
        double effect = ReferenceSetup.maxAbsDiff(SingleMachineReference.train(free, DataType.DOUBLE).params(), trained.params());
        assertTrue(effect > 1e-4, "clipping changed the result by only " + effect);
    }

    @Test
    void localSgdClipsEveryLocalStepExactlyAsTheOracle() {
        TrainConfig clipped = config("average", "momentum", 0.1, recipe("mse", 0, 1e-3, "step"));
        MultiLayerNetwork trained = distributed(clipped);

        double diff = ReferenceSetup.maxAbsDiff(LocalSgdReference.train(clipped, DataType.DOUBLE).params(), trained.params());
        assertTrue(diff <= 1e-9, "parameters differ from the local-SGD oracle by " + diff);
        TrainConfig free = clipped.toBuilder().recipe(recipe("mse", 0, 0, "step")).build();
        double effect = ReferenceSetup.maxAbsDiff(LocalSgdReference.train(free, DataType.DOUBLE).params(), trained.params());
        assertTrue(effect > 1e-5, "clipping changed the result by only " + effect);
    }

    @Test
    void clippingByNormBoundsEverySyncUpdateToTheLearningRateTimesTheNorm() {
        // plain SGD at rate 1 and no penalty: each update is exactly the clipped mean gradient
        RecipeConfig recipe = new RecipeConfig(Map.of("hidden", "32"), "auto", "auto", 0, 0, 0.01, 0, "none", 0.5, 1);
        TrainConfig config = config("sync", "sgd", 1.0, recipe).toBuilder().limit(64).build();
        MultiLayerNetwork untrained = ModelZoo.build("mlp", config.modelRequest(new InputShape(1, 28, 28), 10, 1, DataType.DOUBLE));

        MultiLayerNetwork trained = distributed(config);

        assertEquals(1, trained.getIterationCount());
        double step = trained.params().sub(untrained.params()).norm2Number().doubleValue();
        assertEquals(0.01, step, 1e-9, "one round moved the parameters by " + step);
    }

    private TrainConfig dropout(String strategy, int workers, long seed) {
        RecipeConfig recipe = new RecipeConfig(Map.of("hidden", "32,16", "dropout", "0.4"), "auto", "auto", 0, 0, 0, 0, "none", 0.5, 1);
        return config(strategy, "adam", 1e-2, recipe).toBuilder().workers(workers).seed(seed).build();
    }

    @Test
    void dropoutIsBitReproducibleFromTheRunSeed() {
        MultiLayerNetwork first = distributed(dropout("sync", 2, 11L));
        MultiLayerNetwork again = distributed(dropout("sync", 2, 11L));
        MultiLayerNetwork reseeded = distributed(dropout("sync", 2, 12L));

        assertEquals(first.params(), again.params(), "two runs of one seed differ");
        assertTrue(ReferenceSetup.maxAbsDiff(first.params(), reseeded.params()) > 1e-3, "another seed gave the same run");
    }

    @Test
    void withDropoutOneSyncWorkerStillEqualsOneMachine() {
        TrainConfig config = dropout("sync", 1, 11L);
        MultiLayerNetwork trained = distributed(config);

        double diff = ReferenceSetup.maxAbsDiff(SingleMachineReference.train(config, DataType.DOUBLE).params(), trained.params());
        assertTrue(diff <= 1e-9, "parameters differ from the one-machine oracle by " + diff);
    }

    @Test
    void withDropoutLocalSgdEqualsItsOracleStepForStep() {
        TrainConfig config = dropout("average", 2, 11L);
        MultiLayerNetwork trained = distributed(config);
        MultiLayerNetwork again = distributed(config);

        assertEquals(trained.params(), again.params(), "two runs of one seed differ");
        double diff = ReferenceSetup.maxAbsDiff(LocalSgdReference.train(config, DataType.DOUBLE).params(), trained.params());
        assertTrue(diff <= 1e-9, "parameters differ from the local-SGD oracle by " + diff);
    }
}
