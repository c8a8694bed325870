package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.DataConfig;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.Minibatch;
import io.sparkdp.data.Task;
import io.sparkdp.driver.config.CheckpointInterval;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.network.Network;
import io.sparkdp.worker.RegressionMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Models that reconstruct their input train distributed on real Fashion-MNIST through
 * {@code local[2]}, with both strategies: the training loss falls, and the reconstruction MSE on
 * the 10,000 test images, measured by {@code sparkdp evaluate}'s job from the saved model, is well
 * below the MSE of predicting the mean test image for every image (the per-pixel variance, the
 * best any input-blind model can do). One worker equals one machine's DL4J fit, and denoising is
 * reproducible from the seed. The saved model reloads with its task, as {@code sparkdp evaluate}
 * reads it.
 */
class ReconstructionTrainingTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static JavaSparkContext spark;
    /** MSE of predicting the mean test image, computed from the test images below. */
    private static double meanImageMse;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkFixture.local(2);
        meanImageMse = meanImageMse();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The per-pixel variance of the test images, averaged over pixels: the MSE of the mean image. */
    private static double meanImageMse() {
        Configuration hadoop = new Configuration();
        IdxDataset test = IdxDataset.open(IdxSource.resolve(FASHION, IdxSource.Part.TEST, hadoop), hadoop);
        ExampleBlock block = test.readTrainShard(hadoop, test.wholePlan(1), 0);
        Minibatch all = block.range(0, block.size());
        int n = all.size();
        int d = all.featureSize();
        double[] sum = new double[d];
        double[] squares = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double x = all.features()[i * d + j];
                sum[j] += x;
                squares[j] += x * x;
            }
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
            total += squares[j] / n - (sum[j] / n) * (sum[j] / n);
        }
        return total / d;
    }

    private static RecipeConfig recipe(Map<String, String> args) {
        return new RecipeConfig(args, "auto", "auto", 0, 0, 0, 0, "none", 0.5, 1);
    }

    private TrainConfig config(String model, String strategy, Map<String, String> args) {
        return TrainConfig.builder().data(FASHION).model(model).epochs(2).batchSize(64).workers(2).strategy(strategy)
                .averageEvery(2).output(dir.resolve(model + "-" + strategy + ".zip").toString()).overwrite(true)
                .optimizer("adam").learningRate(2e-3).seed(7L).validationSplit(0.1).limit(3000).recipe(recipe(args)).build();
    }

    private RegressionMetrics evaluate(String model) {
        return new EvaluateJob(spark, new EvaluateConfig(model, FASHION, 500, 2, EvaluateConfig.DEFAULT_TOP_K, "",
                DataConfig.defaults())).run().regression();
    }

    /** The model reloaded from its zip: the same parameters, its task and its output width recorded. */
    private static void roundTrips(TrainResult result) {
        ModelStore.StoredModel stored = new ModelStore(spark.hadoopConfiguration()).loadStored(result.output());
        assertEquals(result.model().params(), stored.model().params());
        assertEquals(Task.RECONSTRUCTION, stored.metadata().map(ModelMetadata::task).orElseThrow());
        assertEquals(784, stored.model().outputSize());
    }

    @ParameterizedTest
    @CsvSource({"autoencoder, sync, 128;32, 0.5", "autoencoder, average, 128;32, 0.5", "vae, sync, 128, 0.8",
            "vae, average, 128, 0.8"})
    void learnsToReconstructFashionMnistWellBelowTheMeanImage(String model, String strategy, String hidden, double floor) {
        TrainConfig config = config(model, strategy, Map.of("hidden", hidden.replace(';', ',')));
        assertEquals(Task.RECONSTRUCTION, config.input().task(), "the model implies the task");

        TrainResult result = new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
        roundTrips(result);
        RegressionMetrics test = evaluate(result.output());

        String what = model + " " + strategy + ": train loss " + result.epochs().get(0).trainLoss() + " -> "
                + result.epochs().get(1).trainLoss() + ", test MSE " + test.meanSquaredError() + " vs mean image "
                + meanImageMse;
        System.out.println(what);
        assertTrue(result.epochs().get(1).trainLoss() < 0.8 * result.epochs().get(0).trainLoss(), what);
        assertEquals(784, test.targets());
        assertEquals(10_000, test.examples());
        assertTrue(test.meanSquaredError() < floor * meanImageMse, what);
        double validation = result.epochs().get(1).validation().orElseThrow().regression().meanSquaredError();
        assertTrue(validation < floor * meanImageMse, "validation MSE " + validation);
    }

    @Test
    void oneWorkerEqualsOneMachineFittingTheAutoencoderOnItsOwnInput() {
        TrainConfig config = config("autoencoder", "sync", Map.of("hidden", "32,8")).toBuilder().workers(1).epochs(1)
                .limit(320).validationSplit(0).build();

        Network trained = new TrainJob(spark, config, List.of(), DataType.DOUBLE).fit().model();

        Network reference = SingleMachineReference.trainNetwork(config, DataType.DOUBLE);
        double diff = ReferenceSetup.maxAbsDiff(reference.params(), trained.params());
        assertTrue(diff <= 1e-9, "parameters differ from one machine's fit by " + diff);
        assertEquals(reference.iteration(), trained.iteration());
    }

    @Test
    void denoisingCorruptsTheInputsReproduciblyFromTheSeed() {
        TrainConfig clean = config("autoencoder", "sync", Map.of("hidden", "32,8")).toBuilder().epochs(1).limit(640)
                .validationSplit(0).build();
        TrainConfig noisy = clean.toBuilder().recipe(recipe(Map.of("hidden", "32,8", "noise", "0.3"))).build();

        Network first = new TrainJob(spark, noisy, List.of(), DataType.FLOAT).fit().model();
        Network again = new TrainJob(spark, noisy, List.of(), DataType.FLOAT).fit().model();
        Network plain = new TrainJob(spark, clean, List.of(), DataType.FLOAT).fit().model();
        Network reseeded = new TrainJob(spark, noisy.toBuilder().seed(8L).build(), List.of(), DataType.FLOAT).fit().model();
        Network plainReseeded = new TrainJob(spark, clean.toBuilder().seed(8L).build(), List.of(), DataType.FLOAT).fit().model();

        assertEquals(first.params(), again.params(), "the same seed gave different parameters");
        assertTrue(ReferenceSetup.maxAbsDiff(first.params(), plain.params()) > 1e-3, "noise did not change training");
        // Another seed changes the initialisation and order as well; the noise must add a difference of its own.
        assertTrue(ReferenceSetup.maxAbsDiff(reseeded.params(), plainReseeded.params()) > 1e-3);
        assertTrue(ReferenceSetup.maxAbsDiff(first.params(), reseeded.params()) > 1e-3);
    }

    @Test
    void aVaeStoppedAfterAnEpochAndResumedEqualsAnUninterruptedRun() {
        TrainConfig straight = config("vae", "sync", Map.of("hidden", "32", "latent", "4")).toBuilder().limit(640)
                .recovery(RecoveryConfig.defaults().withCheckpointDir(dir.resolve("a").toString())
                        .withCheckpointEvery(CheckpointInterval.epochs(1))).build();
        RecoveryConfig recovery = RecoveryConfig.defaults().withCheckpointDir(dir.resolve("b").toString())
                .withCheckpointEvery(CheckpointInterval.epochs(1));
        TrainResult whole = new TrainJob(spark, straight, List.of(), DataType.FLOAT).fit();
        new TrainJob(spark, straight.toBuilder().epochs(1).recovery(recovery).build(), List.of(), DataType.FLOAT).fit();

        TrainResult resumed = new TrainJob(spark, straight.toBuilder().recovery(recovery.withResume(RecoveryConfig.Resume.REQUIRED))
                .build(), List.of(), DataType.FLOAT).fit();

        // The optimizer state (Adam, over the decoder too) and the seeded samples carry across the checkpoint.
        TestNetworks.assertSameTraining(whole.model(), resumed.model(), 1e-6);
        assertEquals(whole.epochs().get(1).trainLoss(), resumed.epochs().get(1).trainLoss(), 1e-6);
    }
}
