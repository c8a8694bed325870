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
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.worker.Batches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        // 3 epochs of 85 steps (both phases, 16 real images a worker), averaged every 5 steps
        TrainConfig config = config("average", 2, 3000, 3, Map.of("filters", "8,16", "latent", "16")).toBuilder()
                .averageEvery(5).validationSplit(0.1).build();
        TrainResult result = fit(config, DataType.FLOAT, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report) {
                epochs.add(report);
            }
        });
        assertEquals(3, epochs.size());
        for (EpochReport epoch : epochs) {
            ClassificationMetrics d = epoch.validation().orElseThrow().classification();
            System.out.printf("epoch %d: train loss (D + G) %.4f, discriminator accuracy %.3f (real %.3f, generated %.3f)%n",
                    epoch.epoch() + 1, epoch.trainLoss(), d.accuracy(), d.recall(1), d.recall(0));
            assertEquals(600, d.examples(), "300 held-out real images and as many generated");
        }
        for (EpochReport epoch : epochs) {
            double accuracy = epoch.validation().orElseThrow().classification().accuracy();
            assertTrue(accuracy > 0.05 && accuracy < 0.95, "discriminator accuracy " + accuracy + " in epoch " + (epoch.epoch() + 1));
        }
        int[] spread = classesSeen((GanNetwork) result.model(), config, 300);
        System.out.println("classes a classifier trained on the real images sees in 300 generated ones: " + Arrays.toString(spread));
        assertTrue(Arrays.stream(spread).filter(count -> count >= 15).count() >= 3,
                "a classifier sees fewer than 3 classes (of at least 5% each) in the generated images: " + Arrays.toString(spread));
        Network saved = new ModelStore(new Configuration()).loadStored(result.output()).model();
        assertTrue(saved instanceof GanNetwork);
        assertEquals(0.0, ReferenceSetup.maxAbsDiff(saved.params(), result.model().params()));
        assertEquals(0.0, ReferenceSetup.maxAbsDiff(saved.updaterState().orElseThrow(), result.model().updaterState().orElseThrow()));
        assertEquals(result.model().iteration(), saved.iteration());

        // evaluate measures the discriminator on the 10,000 test images and as many generated ones
        ClassificationMetrics evaluated = new EvaluateJob(spark, new io.sparkdp.driver.config.EvaluateConfig(result.output(),
                FASHION, 500, 2, 1, "", io.sparkdp.data.DataConfig.defaults())).run().classification();
        System.out.println("evaluate, discriminator on the test images: " + evaluated.accuracy());
        assertEquals(20_000, evaluated.examples());
        assertTrue(evaluated.accuracy() > 0.05 && evaluated.accuracy() < 0.95, "discriminator accuracy " + evaluated.accuracy());
    }

    /**
     * How many of {@code count} generated images fall in each class, as an MLP trained with DL4J's
     * own {@code fit} on the run's real training images classifies them.
     */
    private static int[] classesSeen(GanNetwork gan, TrainConfig config, int count) {
        ReferenceSetup real = ReferenceSetup.of(config.toBuilder().model("mlp").recipe(RecipeConfig.defaults()).build(), DataType.FLOAT);
        MultiLayerNetwork classifier = real.model();
        for (int epoch = 0; epoch < 10; epoch++) {
            for (ExampleBlock shard : real.shards()) {
                for (int from = 0; from < shard.size(); from += 32) {
                    classifier.fit(Batches.toDataSet(shard.range(from, Math.min(from + 32, shard.size())), DataType.FLOAT));
                }
            }
        }
        Nd4j.getRandom().setSeed(17);
        INDArray predicted = classifier.output(gan.generate(count)).argMax(1);
        int[] spread = new int[10];
        for (int i = 0; i < count; i++) {
            spread[predicted.getInt(i)]++;
        }
        return spread;
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
