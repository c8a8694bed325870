package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.CheckpointInterval;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.driver.listen.TrainingListener;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.network.GanNetwork;
import io.sparkdp.models.network.Network;
import io.sparkdp.worker.ClassificationMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The GAN through Spark: with one worker both strategies equal the same alternating updates on
 * one machine ({@link GanReference}); through local[2] on Fashion-MNIST its discriminator stays
 * undecided between real and generated images; model zips and checkpoints hold both networks.
 */
class GanTrainingTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static final Map<String, String> SMALL = Map.of("filters", "4,8", "latent", "8");
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

    private TrainConfig config(String strategy, int workers, int limit, int epochs, Map<String, String> args) {
        return TrainConfig.builder().data(FASHION).model("gan").epochs(epochs).batchSize(16 * workers).workers(workers)
                .strategy(strategy).averageEvery(strategy.equals("average") ? 3 : 1).optimizer("adam").learningRate(2e-3)
                .seed(5L).validationSplit(0.0).limit(limit).recipe(RecipeConfig.defaults().withModelArgs(args))
                .output(dir.resolve(strategy + workers + ".zip").toString()).overwrite(true).build();
    }

    private static TrainResult fit(TrainConfig config, DataType dataType, TrainingListener... listeners) {
        return new TrainJob(spark, config, List.of(listeners), dataType).fit();
    }

    private static void assertEqualsReference(TrainConfig config) {
        GanReference reference = GanReference.train(config, DataType.DOUBLE);
        Network trained = fit(config, DataType.DOUBLE).model();
        assertTrue(trained instanceof GanNetwork);
        double diff = ReferenceSetup.maxAbsDiff(reference.parameters(), trained.params());
        assertTrue(diff <= 1e-9, "parameters differ by " + diff);
        double state = ReferenceSetup.maxAbsDiff(reference.updaterState(), trained.updaterState().orElseThrow());
        assertTrue(state <= 1e-9, "optimizer states differ by " + state);
        Network untrained = ModelZoo.create("gan", config.modelRequest(new InputShape(1, 28, 28), 10, 1, DataType.DOUBLE));
        assertTrue(ReferenceSetup.maxAbsDiff(untrained.params(), trained.params()) > 1e-4, "training moved nothing");
    }

    @Test
    void syncOnOneWorkerEqualsAlternatingUpdatesOnOneMachine() {
        TrainConfig config = config("sync", 1, 80, 1, SMALL);
        assertEqualsReference(config);
        assertEquals(5, fit(config, DataType.DOUBLE).model().iteration());
    }

    @Test
    void averageOnOneWorkerEqualsAlternatingUpdatesOnOneMachine() {
        // 3 local steps a round, each both phases; the last round's last step is short
        assertEqualsReference(config("average", 1, 88, 1, SMALL));
    }

    @Test
    void onFashionMnistThroughTwoWorkersTheDiscriminatorStaysUndecided() {
        List<EpochReport> epochs = new ArrayList<>();
        TrainConfig config = config("sync", 2, 2000, 4, Map.of("filters", "8,16", "latent", "16")).toBuilder()
                .validationSplit(0.1).build();
        TrainResult result = fit(config, DataType.FLOAT, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report) {
                epochs.add(report);
            }
        });
        assertEquals(4, epochs.size());
        for (EpochReport epoch : epochs) {
            ClassificationMetrics d = epoch.validation().orElseThrow().classification();
            double onReal = d.recall(1);
            double onGenerated = d.recall(0);
            System.out.printf("epoch %d: train loss (D + G) %.4f, discriminator accuracy %.3f (real %.3f, generated %.3f)%n",
                    epoch.epoch() + 1, epoch.trainLoss(), d.accuracy(), onReal, onGenerated);
            assertEquals(400, d.examples(), "200 held-out real images and as many generated");
            assertTrue(d.accuracy() > 0.05 && d.accuracy() < 0.95, "discriminator accuracy " + d.accuracy());
        }
        Network saved = new ModelStore(new Configuration()).loadStored(result.output()).model();
        assertTrue(saved instanceof GanNetwork);
        assertEquals(0.0, ReferenceSetup.maxAbsDiff(saved.params(), result.model().params()));
        assertEquals(0.0, ReferenceSetup.maxAbsDiff(saved.updaterState().orElseThrow(), result.model().updaterState().orElseThrow()));
        assertEquals(result.model().iteration(), saved.iteration());
    }

    @Test
    void aGanStoppedAfterOneEpochAndResumedEqualsAnUninterruptedRun() {
        RecoveryConfig every = RecoveryConfig.defaults().withCheckpointEvery(CheckpointInterval.epochs(1));
        TrainConfig straight = config("sync", 1, 64, 2, SMALL).toBuilder()
                .recovery(every.withCheckpointDir(dir.resolve("a").toString())).build();
        Network uninterrupted = fit(straight, DataType.FLOAT).model();
        RecoveryConfig stopped = every.withCheckpointDir(dir.resolve("b").toString());
        fit(straight.toBuilder().epochs(1).output(dir.resolve("stopped.zip").toString()).recovery(stopped).build(), DataType.FLOAT);
        Network resumed = fit(straight.toBuilder().output(dir.resolve("resumed.zip").toString())
                .recovery(stopped.withResume(RecoveryConfig.Resume.REQUIRED)).build(), DataType.FLOAT).model();
        assertTrue(resumed instanceof GanNetwork);
        assertEquals(0.0, ReferenceSetup.maxAbsDiff(uninterrupted.params(), resumed.params()));
        assertEquals(0.0, ReferenceSetup.maxAbsDiff(uninterrupted.updaterState().orElseThrow(), resumed.updaterState().orElseThrow()));
        assertEquals(uninterrupted.iteration(), resumed.iteration());
        assertEquals(2, resumed.epoch());
    }
}
