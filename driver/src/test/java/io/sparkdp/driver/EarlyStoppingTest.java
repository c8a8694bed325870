package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdp.driver.config.CheckpointInterval;
import io.sparkdp.driver.config.EarlyStoppingConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.driver.listen.TrainingEnd;
import io.sparkdp.driver.listen.TrainingListener;
import io.sparkdp.driver.model.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Early stopping on a run whose validation loss stops falling (210 training images, 90 held out):
 * it stops once patience runs out, and the model it saves is exactly the best epoch's, as a run
 * told to stop at that epoch saves it. A run crashed and resumed stops at the same epoch with the
 * same model.
 */
class EarlyStoppingTest {
    private static final int PATIENCE = 2;
    private static JavaSparkContext spark;
    @TempDir
    static Path dir;
    private static TrainResult straight;

    @BeforeAll
    static void startSpark() {
        spark = SparkFixture.local(2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static TrainConfig config(String name, int epochs, EarlyStoppingConfig stopping) {
        return TrainConfig.builder().data("idx:/usr/share/datasets/fashion-mnist").model("mlp").epochs(epochs).batchSize(32)
                .workers(1).limit(300).validationSplit(0.3).seed(11L).optimizer("adam").learningRate(3e-3)
                .output(dir.resolve(name + ".zip").toString()).overwrite(true).earlyStopping(stopping)
                .recovery(RecoveryConfig.defaults().withCheckpointDir(dir.resolve(name + ".checkpoints").toString())
                        .withCheckpointEvery(CheckpointInterval.epochs(1))).build();
    }

    private static TrainResult fit(TrainConfig config, TrainingListener... listeners) {
        return new TrainJob(spark, config, List.of(listeners), DataType.FLOAT).fit();
    }

    /** The uninterrupted run with early stopping on the validation loss, trained once for the class. */
    private static synchronized TrainResult straight() {
        if (straight == null) {
            straight = fit(config("straight", 10, EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.LOSS, PATIENCE)));
        }
        return straight;
    }

    @Test
    void stopsOncePatienceRunsOutAndSavesExactlyTheBestEpochsModel() throws Exception {
        TrainResult result = straight();
        List<Double> losses = result.epochs().stream().map(EpochReport::validationLoss).toList();
        int best = losses.indexOf(losses.stream().min(Double::compare).orElseThrow());
        assertEquals(TrainingEnd.Reason.EARLY_STOPPING, result.end().reason(), "validation losses " + losses);
        assertEquals(best + 1 + PATIENCE, result.epochs().size(), "stopped " + PATIENCE + " epochs after the best: " + losses);
        assertTrue(result.epochs().size() < 10, "before --epochs: " + losses);
        assertEquals(new TrainingEnd.BestEpoch(best, "loss", losses.get(best)), result.end().kept().orElseThrow());

        TrainResult stoppedThere = fit(config("reference", best + 1, EarlyStoppingConfig.defaults()));
        TestNetworks.assertSameTraining(stoppedThere.network(), result.network());
        TestNetworks.assertSameTraining(stoppedThere.network(),
                new ModelStore(spark.hadoopConfiguration()).loadStored(result.output()).model().asMultiLayer());
        assertEquals(best + 1, result.network().getEpochCount(), "the saved model is the best epoch's, not the last");

        List<String> lines = Files.readAllLines(dir.resolve("straight.checkpoints/metrics.jsonl"));
        JsonNode end = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals("end", end.get("type").asText());
        assertEquals("early_stopping", end.get("reason").asText());
        assertEquals(best + 1, end.get("best_epoch").asInt());
        assertEquals(PATIENCE, end.get("patience").asInt());
        assertEquals(losses.get(best), end.get("best").asDouble());
        assertTrue(result.end().describe().orElseThrow().startsWith("early stopping: no improvement for 2 epochs after epoch "
                + (best + 1)), result.end().describe().orElseThrow());
    }

    @Test
    void aRunCrashedAfterItsBestEpochAndResumedStopsAtTheSameEpochWithTheSameModel() {
        TrainResult uninterrupted = straight();
        int last = uninterrupted.epochs().size() - 1;
        TrainConfig config = config("crashed", 10, EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.LOSS, PATIENCE));
        // the last checkpoint before the crash holds the best epoch's model apart from the current one
        assertThrows(IllegalStateException.class, () -> fit(config, new CrashAt(last, 2)));
        TrainResult resumed = fit(config.toBuilder()
                .recovery(config.recovery().withResume(RecoveryConfig.Resume.REQUIRED)).build());

        assertEquals(uninterrupted.end(), resumed.end());
        assertEquals(uninterrupted.epochs().size(), resumed.epochs().size());
        TestNetworks.assertSameTraining(uninterrupted.network(), resumed.network());
    }

    @Test
    void aResumeWithMorePatienceGoesOnFromTheCountSoFar() {
        TrainResult uninterrupted = straight();
        TrainConfig config = config("patient", 10, EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.LOSS, PATIENCE));
        fit(config);
        TrainResult more = fit(config.toBuilder().epochs(uninterrupted.epochs().size() + 1)
                .earlyStopping(EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.LOSS, PATIENCE + 5))
                .recovery(config.recovery().withResume(RecoveryConfig.Resume.REQUIRED)).build());
        assertEquals(uninterrupted.epochs().size() + 1, more.epochs().size(), "one more epoch, then --epochs ends it");
        assertEquals(TrainingEnd.Reason.EPOCHS, more.end().reason());
        int best = more.end().kept().orElseThrow().epoch();
        assertEquals(best + 1, more.network().getEpochCount(), "the best epoch's model is still the one saved");
    }
}
