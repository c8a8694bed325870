package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.worker.NetworkPool;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The backbone: synchronous data-parallel training on Spark equals single-machine DL4J training.
 * One worker reproduces {@code fit} on the same minibatches; W workers reproduce {@code fit} on
 * the W-times-larger minibatch, including an unbalanced last round.
 */
class SyncEquivalenceTest {
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

    private TrainConfig config(int workers, int batch, int limit, int epochs, String optimizer, double lr) {
        return TrainConfig.builder().data(FASHION).model("mlp").epochs(epochs).batchSize(batch).workers(workers)
                .output(dir.resolve("model.zip").toString()).overwrite(true).optimizer(optimizer).learningRate(lr)
                .seed(7L).validationSplit(0.0).limit(limit).build();
    }

    private MultiLayerNetwork distributed(TrainConfig config, DataType dataType) {
        return new TrainJob(spark, config, List.of(), dataType).fit().network();
    }


    @Test
    void oneWorkerEqualsSingleMachineFitWithAdam() {
        TrainConfig config = config(1, 32, 400, 2, "adam", 1e-3);
        MultiLayerNetwork reference = SingleMachineReference.train(config, DataType.FLOAT);
        MultiLayerNetwork trained = distributed(config, DataType.FLOAT);

        double diff = ReferenceSetup.maxAbsDiff(reference.params(), trained.params());
        assertTrue(diff <= 1e-6, "parameters differ by " + diff);
        assertTrue(ReferenceSetup.maxAbsDiff(reference.getUpdater().getStateViewArray(), trained.getUpdater().getStateViewArray()) <= 1e-6,
                "Adam state differs");
        assertEquals(reference.getIterationCount(), trained.getIterationCount());
        assertEquals(2, trained.getEpochCount());
        // and training moved the parameters: the comparison is not between two untouched networks
        MultiLayerNetwork untrained = io.sparkdp.models.ModelZoo.build("mlp", new io.sparkdp.models.ModelRequest(
                new io.sparkdp.models.InputShape(1, 28, 28), 10, 7L, config.optimizerConfig(13), DataType.FLOAT));
        assertTrue(ReferenceSetup.maxAbsDiff(untrained.params(), trained.params()) > 1e-3);
    }

    @Test
    void twoWorkersWithSgdEqualOneMachineOnTheDoubleBatchIncludingAnUnevenLastRound() {
        // 301 records: shards of 150 and 151, 32 per shard per round, so the last round has 22 + 23 examples.
        TrainConfig config = config(2, 64, 301, 1, "sgd", 0.05);
        MultiLayerNetwork reference = SingleMachineReference.train(config, DataType.DOUBLE);
        MultiLayerNetwork trained = distributed(config, DataType.DOUBLE);

        assertEquals(5, trained.getIterationCount());
        double diff = ReferenceSetup.maxAbsDiff(reference.params(), trained.params());
        assertTrue(diff <= 1e-9, "parameters differ by " + diff);
    }

    @Test
    void twoWorkersWithAdamAlsoEqualOneMachineOnTheDoubleBatch() {
        TrainConfig config = config(2, 64, 256, 1, "adam", 1e-3);
        double diff = ReferenceSetup.maxAbsDiff(SingleMachineReference.train(config, DataType.DOUBLE).params(),
                distributed(config, DataType.DOUBLE).params());
        assertTrue(diff <= 1e-9, "parameters differ by " + diff);
    }

    @Test
    void aWarmupScheduleReachesTheExecutorsAndStillEqualsOneMachine() {
        // warmup over the whole epoch: the executors rebuild the network from its JSON configuration
        TrainConfig config = config(2, 64, 256, 1, "sgd", 0.05).toBuilder().warmupEpochs(1).build();
        double diff = ReferenceSetup.maxAbsDiff(SingleMachineReference.train(config, DataType.DOUBLE).params(),
                distributed(config, DataType.DOUBLE).params());
        assertTrue(diff <= 1e-9, "parameters differ by " + diff);
    }

    @Test
    void eachTaskSlotBuildsItsNetworkOnceForTheWholeRun() {
        long before = NetworkPool.constructions();
        // 2 epochs x 8 rounds plus validation after each epoch, on 2 task slots
        TrainConfig config = config(2, 64, 640, 2, "adam", 1e-3).toBuilder().seed(3L).validationSplit(0.2).build();
        new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
        long built = NetworkPool.constructions() - before;
        assertTrue(built >= 1 && built <= 2, "built " + built + " networks for 2 task slots");
    }
}
