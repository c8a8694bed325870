package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.AveragingConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
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
 * Local SGD on Spark: one local step of plain SGD equals sync; K steps equal the one-machine
 * oracle, parameters and optimizer state averaged by examples, uneven last rounds included; and
 * it learns real data.
 */
class AverageStrategyTest {
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

    private TrainConfig.Builder config() {
        return TrainConfig.builder().data(FASHION).model("mlp").epochs(1).workers(2).seed(11L).validationSplit(0)
                .output(dir.resolve("model.zip").toString()).overwrite(true);
    }

    private MultiLayerNetwork train(TrainConfig config, DataType dataType) {
        return new TrainJob(spark, config, List.of(), dataType).fit().network();
    }


    @Test
    void oneLocalStepOfPlainSgdEqualsSync() {
        // 301 records in shards of 150 and 151: the last round is uneven (22 + 23 examples)
        TrainConfig sync = config().batchSize(64).limit(301).optimizer("sgd").learningRate(0.05).build();
        TrainConfig average = sync.toBuilder().strategy("average").averageEvery(1).averaging(AveragingConfig.PLAIN).build();
        double diff = ReferenceSetup.maxAbsDiff(train(sync, DataType.DOUBLE).params(), train(average, DataType.DOUBLE).params());
        assertTrue(diff <= 1e-9, "parameters differ by " + diff);
    }

    @Test
    void kLocalAdamStepsEqualTheExampleWeightedOracleIncludingAnUnevenLastRound() {
        // shards of 47 and 48, 10 per step, 3 steps a round: round 2 weighs 17 against 18 examples
        TrainConfig config = config().batchSize(20).limit(95).epochs(2).strategy("average").averageEvery(3)
                .optimizer("adam").learningRate(1e-3).build();
        MultiLayerNetwork oracle = LocalSgdReference.train(config, DataType.DOUBLE);
        MultiLayerNetwork trained = train(config, DataType.DOUBLE);

        assertTrue(ReferenceSetup.maxAbsDiff(oracle.params(), trained.params()) <= 1e-9, "parameters differ");
        double stateDiff = ReferenceSetup.maxAbsDiff(oracle.getUpdater().getStateViewArray(), trained.getUpdater().getStateViewArray());
        assertTrue(stateDiff <= 1e-9, "averaged Adam state differs by " + stateDiff);
        assertTrue(trained.getUpdater().getStateViewArray().amaxNumber().doubleValue() > 0, "Adam state is not trivial");
        assertEquals(oracle.getIterationCount(), trained.getIterationCount());
    }

    @Test
    void slowMomentumEqualsTheOracleWithItsOuterStepAndMovesAwayFromThePlainMean() {
        // as above: 3 Adam steps a round, uneven last rounds; then the driver's outer step
        TrainConfig plain = config().batchSize(20).limit(95).epochs(2).strategy("average").averageEvery(3)
                .optimizer("adam").learningRate(1e-3).build();
        TrainConfig slow = plain.toBuilder().averaging(new AveragingConfig(0.9, 0.6)).build();
        MultiLayerNetwork oracle = LocalSgdReference.train(slow, DataType.DOUBLE);
        MultiLayerNetwork trained = train(slow, DataType.DOUBLE);

        double diff = ReferenceSetup.maxAbsDiff(oracle.params(), trained.params());
        assertTrue(diff <= 1e-9, "parameters differ from the oracle's outer step by " + diff);
        assertTrue(ReferenceSetup.maxAbsDiff(oracle.getUpdater().getStateViewArray(), trained.getUpdater().getStateViewArray()) <= 1e-9,
                "the optimizer state is the workers' plain mean");
        double moved = ReferenceSetup.maxAbsDiff(train(plain, DataType.DOUBLE).params(), trained.params());
        assertTrue(moved > 1e-4, "the outer step changes the training: " + moved);
    }

    @Test
    void onOneWorkerTheOuterStepExtrapolatesTheWorkersMove() {
        // one worker, one round of 2 plain SGD steps: the mean is the worker's own result, and with
        // alpha 2 and no momentum the driver ends twice as far from the start
        TrainConfig once = config().workers(1).batchSize(16).limit(32).strategy("average").averageEvery(2)
                .optimizer("sgd").learningRate(0.05).build();
        MultiLayerNetwork start = ReferenceSetup.of(once, DataType.DOUBLE).model();
        MultiLayerNetwork plain = train(once, DataType.DOUBLE);
        MultiLayerNetwork doubled = train(once.toBuilder().averaging(new AveragingConfig(2, 0)).build(), DataType.DOUBLE);

        var expected = start.params().mul(-1).addi(plain.params().mul(2));
        assertTrue(ReferenceSetup.maxAbsDiff(expected, doubled.params()) <= 1e-12, "next = start - 2 (start - mean)");
    }

    @Test
    void learnsRealDataAndBuildsOneNetworkPerTaskSlot() {
        long before = NetworkPool.constructions();
        TrainConfig config = config().batchSize(64).limit(6000).epochs(2).validationSplit(0.2).strategy("average")
                .averageEvery(8).build();
        List<EpochReport> epochs = new TrainJob(spark, config, List.of(), DataType.FLOAT).fit().epochs();
        long built = NetworkPool.constructions() - before;

        assertTrue(epochs.get(1).trainLoss() < epochs.get(0).trainLoss(), "loss falls: " + epochs);
        assertTrue(epochs.get(1).validationAccuracy() > 0.75, "validation accuracy " + epochs.get(1).validationAccuracy());
        assertTrue(built >= 1 && built <= 2, "built " + built + " networks for 2 task slots");
    }
}
