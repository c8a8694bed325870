package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
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
 * The {@code attention} model learns real Fashion-MNIST through {@code local[2]}, each image read
 * as the sequence of its 28 columns: both strategies train it, validation accuracy on held-out
 * images clears a floor far above chance (0.10).
 */
class AttentionTrainingTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
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

    private static TrainConfig config(String strategy) {
        return TrainConfig.builder().data(FASHION).model("attention").strategy(strategy).averageEvery(2)
                .recipe(RecipeConfig.defaults().withModelArgs(Map.of("width", "32", "heads", "4", "headsize", "8")))
                .epochs(2).batchSize(64).workers(2).limit(2500).validationSplit(0.2).optimizer("adam").learningRate(0.01)
                .seed(7L).output(dir.resolve(strategy + ".zip").toString()).overwrite(true)
                .recovery(TrainConfig.defaults().recovery().withCheckpointDir("none")).build();
    }

    /** Measured 0.588 ({@code sync}) and 0.608 ({@code average}) after 2 epochs; chance is 0.10. */
    private static List<EpochReport> train(String strategy, double floor) {
        TrainResult result = new TrainJob(spark, config(strategy), List.of(), DataType.FLOAT).fit();
        List<EpochReport> epochs = result.epochs();
        EpochReport last = epochs.get(epochs.size() - 1);
        System.out.printf("attention %s: train loss %.4f -> %.4f, validation accuracy %.4f -> %.4f, %.1f s an epoch%n",
                strategy, epochs.get(0).trainLoss(), last.trainLoss(), epochs.get(0).validationAccuracy(),
                last.validationAccuracy(), last.trainSeconds());
        assertTrue(last.trainLoss() < epochs.get(0).trainLoss(), strategy + ": the loss falls " + epochs);
        assertTrue(last.validationAccuracy() > floor, strategy + ": validation accuracy " + last.validationAccuracy());
        return epochs;
    }

    @Test
    void syncLearnsFashionMnistAsSequencesOfColumns() {
        assertEquals(2, train("sync", 0.5).size());
    }

    @Test
    void averageLearnsItToo() {
        assertEquals(2, train("average", 0.5).size());
    }
}
