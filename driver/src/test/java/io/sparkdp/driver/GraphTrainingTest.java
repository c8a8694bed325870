package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.AveragingConfig;
import io.sparkdp.driver.config.CheckpointInterval;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.network.GraphNetwork;
import io.sparkdp.models.network.Network;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The equivalence tests of the ComputationGraph path, on the zoo's {@code resnet} with batch
 * normalisation: one worker under sync equals single-machine {@code fit}; one local step of plain
 * SGD under average equals sync on two workers, which holds only if sync averages the batch-norm
 * running statistics by examples rather than summing them; a resumed graph run equals an
 * uninterrupted one.
 */
class GraphTrainingTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    /** A resnet small enough to train in DOUBLE in seconds, with a projection and an identity shortcut. */
    private static final Map<String, String> TINY = Map.of("filters", "4,8", "blocks", "1");
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

    private TrainConfig.Builder config(int workers, int batch, int limit) {
        return TrainConfig.builder().data(FASHION).model("resnet").recipe(RecipeConfig.defaults().withModelArgs(TINY))
                .epochs(1).batchSize(batch).workers(workers).limit(limit).validationSplit(0).seed(5L)
                .output(dir.resolve("model.zip").toString()).overwrite(true);
    }

    private static Network distributed(TrainConfig config, DataType dataType) {
        return new TrainJob(spark, config, List.of(), dataType).fit().model();
    }

    @Test
    void oneWorkerUnderSyncEqualsSingleMachineFitOfTheGraph() {
        TrainConfig config = config(1, 32, 96).optimizer("adam").learningRate(1e-2).epochs(2).build();
        Network reference = SingleMachineReference.trainNetwork(config, DataType.DOUBLE);
        Network trained = distributed(config, DataType.DOUBLE);

        assertInstanceOf(GraphNetwork.class, trained);
        TestNetworks.assertSameTraining(reference, trained, 1e-9);
        assertEquals(6, trained.iteration());
        assertEquals(2, trained.epoch());
        Network untrained = ModelZoo.create("resnet", config.modelRequest(new InputShape(1, 28, 28), 10, 3, DataType.DOUBLE));
        assertTrue(ReferenceSetup.maxAbsDiff(untrained.params(), trained.params()) > 1e-3, "training moved the parameters");
    }

    @Test
    void oneLocalStepOfSgdUnderAverageEqualsSyncWithBatchNormStatisticsAveraged() {
        // 130 records in shards of 65: rounds of 2 x 32, and a last one of 1 + 1
        TrainConfig sync = config(2, 64, 130).optimizer("sgd").learningRate(0.1).build();
        TrainConfig average = sync.toBuilder().strategy("average").averageEvery(1).averaging(AveragingConfig.PLAIN).build();
        Network bySync = distributed(sync, DataType.DOUBLE);
        Network byAverage = distributed(average, DataType.DOUBLE);

        double diff = ReferenceSetup.maxAbsDiff(bySync.params(), byAverage.params());
        assertTrue(diff <= 1e-9, "parameters, batch-norm statistics included, differ by " + diff);
        assertEquals(3, bySync.iteration());
    }

    @Test
    void theOuterStepMovesTheWeightsWhileBatchNormStatisticsTakeTheWorkersMean() {
        // one worker, one round of 2 SGD steps: the mean is the worker's result; alpha 2 doubles its move
        TrainConfig plain = config(1, 16, 32).optimizer("sgd").learningRate(0.1).strategy("average").averageEvery(2)
                .averaging(AveragingConfig.PLAIN).build();
        Network start = ModelZoo.create("resnet", plain.modelRequest(new InputShape(1, 28, 28), 10, 2, DataType.DOUBLE));
        Network mean = distributed(plain, DataType.DOUBLE);
        Network doubled = distributed(plain.toBuilder().averaging(new AveragingConfig(2, 0)).build(), DataType.DOUBLE);

        int statistics = 0;
        for (Map.Entry<String, INDArray> entry : doubled.model().paramTable().entrySet()) {
            String name = entry.getKey();
            INDArray was = start.model().paramTable().get(name);
            INDArray averaged = mean.model().paramTable().get(name);
            boolean statistic = name.endsWith("_mean") || name.endsWith("_var") || name.endsWith("_log10stdev");
            INDArray expected = statistic ? averaged : averaged.mul(2).subi(was);
            statistics += statistic ? 1 : 0;
            assertTrue(ReferenceSetup.maxAbsDiff(expected, entry.getValue()) <= 1e-12, name + " is not " + (statistic
                    ? "the workers' mean" : "start - 2 (start - mean)"));
        }
        assertTrue(statistics >= 4, "the resnet has batch-norm statistics: " + statistics);
        assertTrue(ReferenceSetup.maxAbsDiff(mean.params(), doubled.params()) > 1e-4, "the outer step moved the weights");
    }

    @Test
    void aGraphRunStoppedAfterAnEpochAndResumedEqualsAnUninterruptedRun() {
        RecoveryConfig recovery = RecoveryConfig.defaults().withCheckpointDir(dir.resolve("checkpoints").toString())
                .withCheckpointEvery(CheckpointInterval.epochs(1));
        TrainConfig straight = config(2, 32, 160).optimizer("adam").epochs(2).build();
        Network uninterrupted = distributed(straight, DataType.FLOAT);
        distributed(straight.toBuilder().epochs(1).recovery(recovery).build(), DataType.FLOAT);
        TrainResult resumed = new TrainJob(spark, straight.toBuilder().recovery(recovery.withResume(RecoveryConfig.Resume.REQUIRED))
                .build(), List.of(), DataType.FLOAT).fit();

        TestNetworks.assertSameTraining(uninterrupted, resumed.model(), 1e-6);
        assertEquals(2, resumed.epochs().size());
        EpochReport last = resumed.epochs().get(1);
        assertTrue(Double.isFinite(last.trainLoss()), "epoch 2 trained: " + last);
    }
}
