package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.strategy.RoundContext;
import io.sparkdp.driver.strategy.RoundOutcome;
import io.sparkdp.driver.strategy.Strategies;
import io.sparkdp.driver.strategy.TrainingStrategy;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.SiameseNetwork;
import io.sparkdp.worker.PairMetrics;
import io.sparkdp.worker.RoundTask;
import io.sparkdp.worker.WorkerContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The siamese model through {@code local[2]}: its twin encoders hold identical weights after every
 * round of either strategy, one worker equals the single machine, it saves and loads, and it learns
 * to rank same-class pairs of Fashion-MNIST test images above different-class pairs.
 */
class SiameseTrainingTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static final Map<String, String> SMALL = Map.of("filters", "8,16", "dense", "64", "embedding", "16");
    private static final Map<String, String> TINY = Map.of("filters", "4", "dense", "16", "embedding", "8");
    private static JavaSparkContext spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkFixture.local(2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static TrainConfig.Builder config(Map<String, String> args, int workers, int batch, int limit) {
        return TrainConfig.builder().data(FASHION).model("siamese").recipe(RecipeConfig.defaults().withModelArgs(args))
                .epochs(1).batchSize(batch).workers(workers).limit(limit).validationSplit(0).seed(11L)
                .output(dir.resolve("model.zip").toString()).overwrite(true);
    }

    @Test
    void theTwinsHoldIdenticalWeightsAfterEveryRoundOfSyncAndOfAverage() {
        for (String name : List.of("sync", "average")) {
            TrainConfig config = config(TINY, 2, 64, 384).strategy(name).averageEvery(2).optimizer("adam").build();
            ReferenceSetup setup = ReferenceSetup.of(config, DataType.FLOAT);
            SiameseNetwork network = assertInstanceOf(SiameseNetwork.class, setup.network());
            INDArray start = network.params().dup();
            JavaRDD<ExampleBlock> shards = spark.parallelize(setup.shards(), setup.shards().size()).cache();
            WorkerContext worker = new WorkerContext("siamese-twins-" + name, spark.broadcast(network.configuration().toJson()));
            RoundContext context = new RoundContext(spark, shards, setup.shards().size(), worker, network, 2);
            TrainingStrategy strategy = Strategies.of(config);
            int rounds = setup.rounds(config);
            assertTrue(rounds >= 2, name + ": " + rounds + " rounds");
            for (int round = 0; round < rounds; round++) {
                RoundOutcome outcome = strategy.round(context, new RoundTask(0, round, config.shardBatch(), config.localSteps(),
                        config.seed()));
                assertInstanceOf(RoundOutcome.Completed.class, outcome);
                assertEquals(0.0, network.twinDifference(), name + ": the branches differ after round " + (round + 1));
            }
            assertTrue(ReferenceSetup.maxAbsDiff(start, network.params()) > 1e-4, name + " moved the shared encoder");
            shards.unpersist();
        }
    }

    @Test
    void oneWorkerUnderSyncEqualsSingleMachineTraining() {
        TrainConfig config = config(TINY, 1, 32, 96).optimizer("adam").learningRate(1e-2).epochs(2).build();
        Network reference = SingleMachineReference.trainNetwork(config, DataType.DOUBLE);
        Network trained = new TrainJob(spark, config, List.of(), DataType.DOUBLE).fit().model();

        assertInstanceOf(SiameseNetwork.class, trained);
        TestNetworks.assertSameTraining(reference, trained, 1e-9);
        assertEquals(6, trained.iteration());
    }

    @Test
    void itLearnsToRankSameClassPairsOfTestImagesAboveDifferentClassPairsAndSavesAndLoads() {
        // One epoch of 2,000 images; issue 7's 0.9 is held by ModelFiguresIT (integration-tests) on 20,000.
        TrainConfig config = config(SMALL, 2, 64, 2000).validationSplit(0.1).optimizer("adam").learningRate(5e-3).build();
        TrainResult result = new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
        PairMetrics validation = result.epochs().get(0).validation().orElseThrow().pairs();
        assertEquals(200, validation.examples());
        assertTrue(validation.auc() > 0.75, "validation pair ROC AUC " + validation.auc());

        Network loaded = new ModelStore(spark.hadoopConfiguration()).loadStored(config.output()).model();
        SiameseNetwork siamese = assertInstanceOf(SiameseNetwork.class, loaded);
        assertEquals(result.model().params(), siamese.params());
        assertEquals(result.model().updaterState().orElseThrow(), siamese.updaterState().orElseThrow());
        assertEquals(0.0, siamese.twinDifference());

        PairMetrics metrics = assertInstanceOf(PairMetrics.class, new EvaluateJob(spark, new EvaluateConfig(config.output(),
                FASHION, 500, 2, 1, "", io.sparkdp.data.DataConfig.defaults())).run());
        System.out.println("siamese pairs of the 10,000 test images: " + metrics);
        assertEquals(10_000, metrics.examples());
        assertTrue(metrics.samePairs() > 4_500 && metrics.differentPairs() > 4_500, "balanced pairs: " + metrics);
        assertTrue(metrics.auc() >= 0.85, "pair ROC AUC " + metrics.auc());
        assertTrue(metrics.sameDistance() < metrics.differentDistance(), metrics.toString());
    }
}
