package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.HdfsExtension;
import io.sparkdp.driver.checkpoint.CheckpointStore;
import io.sparkdp.driver.config.AveragingConfig;
import io.sparkdp.driver.config.CheckpointInterval;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.TrainingListener;
import io.sparkdp.driver.model.ModelStore.StorageException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Exact resume: a run stopped (or crashed) and resumed from its checkpoint ends with the same
 * parameters and optimizer state as the run that was never interrupted.
 */
class ResumeTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static JavaSparkContext spark;
    @RegisterExtension
    static final HdfsExtension hdfs = new HdfsExtension();
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

    private TrainConfig config(String name, int workers, int epochs, RecoveryConfig recovery) {
        return TrainConfig.builder().data(FASHION).model("mlp").epochs(epochs).batchSize(32 * workers).workers(workers)
                .limit(480).validationSplit(0.1).seed(11L).optimizer("adam").learningRate(1e-3)
                .output(dir.resolve(name + ".zip").toString()).overwrite(true).recovery(recovery).build();
    }

    private static RecoveryConfig checkpointsIn(String uri, CheckpointInterval every) {
        return RecoveryConfig.defaults().withCheckpointDir(uri).withCheckpointEvery(every);
    }

    private static TrainResult fit(TrainConfig config, TrainingListener... listeners) {
        return new TrainJob(spark, config, List.of(listeners), DataType.FLOAT).fit();
    }

    @Test
    void syncOnOneWorkerStoppedAfterEpochTwoAndResumedEqualsAnUninterruptedRun() {
        TrainResult straight = fit(config("straight", 1, 3, checkpointsIn(dir.resolve("a").toString(), CheckpointInterval.epochs(1))));
        RecoveryConfig recovery = checkpointsIn(dir.resolve("b").toString(), CheckpointInterval.epochs(1));
        fit(config("stopped", 1, 2, recovery));
        TrainResult resumed = fit(config("resumed", 1, 3, recovery.withResume(RecoveryConfig.Resume.REQUIRED)));

        TestNetworks.assertSameTraining(straight.network(), resumed.network());
        assertEquals(3, resumed.epochs().size(), "the resumed run carries the history of the epochs before it");
        for (int e = 0; e < 3; e++) {
            assertEquals(straight.epochs().get(e).trainLoss(), resumed.epochs().get(e).trainLoss(), 1e-9);
            assertEquals(straight.epochs().get(e).validationAccuracy(), resumed.epochs().get(e).validationAccuracy(), 1e-9);
        }
        assertEquals(3, resumed.network().getEpochCount());
    }

    @Test
    void averagingOnTwoWorkersCrashedMidEpochAndResumedFromARoundCheckpointOnHdfsEqualsAnUninterruptedRun() throws Exception {
        RecoveryConfig recovery = checkpointsIn(hdfs.root() + "/resume/avg", CheckpointInterval.rounds(2));
        TrainConfig config = config("avg", 2, 2, recovery).toBuilder().strategy("average").averageEvery(2).build();
        TrainResult straight = fit(config.toBuilder().recovery(RecoveryConfig.defaults().withCheckpointDir(RecoveryConfig.NONE)).build());
        // 216 records per shard, 2 steps of 32 per round: 4 rounds per epoch; crash in epoch 2, round 2
        var crash = assertThrows(IllegalStateException.class, () -> fit(config, new CrashAt(1, 1)));
        assertEquals("simulated driver crash", crash.getMessage());
        CheckpointStore store = new CheckpointStore(spark.hadoopConfiguration(), recovery.checkpointDir());
        assertEquals("checkpoint-000000004", store.latest().orElseThrow(), "the last checkpoint before the crash");

        TrainResult resumed = fit(config.toBuilder().recovery(recovery.withResume(RecoveryConfig.Resume.REQUIRED)).build());
        TestNetworks.assertSameTraining(straight.network(), resumed.network());
        assertEquals(straight.epochs().get(1).examples(), resumed.epochs().get(1).examples());
        assertEquals(straight.epochs().get(1).trainLoss(), resumed.epochs().get(1).trainLoss(), 1e-6);
        String metrics;
        try (var in = hdfs.fs().open(new org.apache.hadoop.fs.Path(recovery.checkpointDir(), "metrics.jsonl"))) {
            metrics = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(metrics.startsWith("{\"type\":\"run\"") && metrics.contains("{\"type\":\"resume\""),
                "the resumed run continues the crashed run's metrics file");
    }

    @Test
    void slowMomentumTravelsInTheCheckpointSoAResumedRunEqualsAnUninterruptedOne() {
        RecoveryConfig recovery = checkpointsIn(dir.resolve("slow").toString(), CheckpointInterval.rounds(3));
        TrainConfig config = config("slow", 2, 2, recovery).toBuilder().strategy("average").averageEvery(2)
                .averaging(new AveragingConfig(1, 0.7)).build();
        TrainResult straight = fit(config.toBuilder().recovery(RecoveryConfig.defaults().withCheckpointDir(RecoveryConfig.NONE)).build());
        // 4 rounds per epoch: the checkpoint after round 3 of epoch 1 (3 rounds done) is the newest before the crash
        assertThrows(IllegalStateException.class, () -> fit(config, new CrashAt(1, 0)));
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("slow/checkpoint-000000003/strategy.bin")),
                "the checkpoint holds the slow momentum");

        TrainResult resumed = fit(config.toBuilder().recovery(recovery.withResume(RecoveryConfig.Resume.REQUIRED)).build());
        TestNetworks.assertSameTraining(straight.network(), resumed.network());
    }

    @Test
    void resumeWithNothingToResumeFailsUnlessAskedToStartFresh() {
        RecoveryConfig recovery = checkpointsIn(dir.resolve("empty").toString(), CheckpointInterval.epochs(1));
        var nothing = assertThrows(StorageException.class,
                () -> fit(config("n", 1, 1, recovery.withResume(RecoveryConfig.Resume.REQUIRED))));
        assertTrue(nothing.getMessage().startsWith("nothing to resume: no good checkpoint in"), nothing.getMessage());
        assertTrue(nothing.getMessage().contains("--resume-if-present"), nothing.getMessage());

        TrainResult fresh = fit(config("n", 1, 1, recovery.withResume(RecoveryConfig.Resume.IF_PRESENT)));
        assertEquals(1, fresh.epochs().size());
    }

    @Test
    void aCheckpointOfAnotherConfigurationIsRefusedNamingTheDifferences() {
        RecoveryConfig recovery = checkpointsIn(dir.resolve("other").toString(), CheckpointInterval.epochs(1));
        fit(config("m", 1, 1, recovery));
        TrainConfig other = config("m", 1, 2, recovery.withResume(RecoveryConfig.Resume.REQUIRED)).toBuilder()
                .model("cnn").learningRate(0.01).build();
        var refused = assertThrows(IllegalArgumentException.class, () -> fit(other));
        assertTrue(refused.getMessage().contains("is of a different model or configuration"), refused.getMessage());
        assertTrue(refused.getMessage().contains("model: mlp in the checkpoint, cnn now"), refused.getMessage());
        assertTrue(refused.getMessage().contains("learningRate: 0.001 in the checkpoint, 0.01 now"), refused.getMessage());
    }

    @Test
    void aFreshRunIntoADirectoryWithCheckpointsIsRefusedUnlessItMayOverwrite() {
        RecoveryConfig recovery = checkpointsIn(dir.resolve("used").toString(), CheckpointInterval.epochs(1));
        fit(config("u", 1, 1, recovery));
        // a different run (fewer records: 7 rounds an epoch, not 14) into the same directory
        TrainConfig again = config("u2", 1, 1, recovery).toBuilder().limit(240).overwrite(false).build();
        var refused = assertThrows(StorageException.class, () -> fit(again));
        assertTrue(refused.getMessage().contains("already holds checkpoints of a run; pass --resume to continue it, or --overwrite"),
                refused.getMessage());
        fit(again.toBuilder().overwrite(true).build());
        CheckpointStore store = new CheckpointStore(spark.hadoopConfiguration(), recovery.checkpointDir());
        assertEquals(List.of("checkpoint-000000007"), store.names(), "the earlier run's checkpoints were replaced");
    }

    @Test
    void skippingDivergedRoundsGivesUpAfterTenInARow() {
        TrainConfig config = config("nan", 1, 1, RecoveryConfig.defaults().withCheckpointDir(dir.resolve("nan").toString()))
                .toBuilder().optimizer("sgd").learningRate(1e30).build();
        TrainConfig skipping = config.toBuilder().recovery(new RecoveryConfig(config.recovery().checkpointDir(),
                CheckpointInterval.rounds(1), 3, RecoveryConfig.Resume.OFF, RecoveryConfig.Divergence.SKIP)).build();
        var stopped = assertThrows(TrainingDivergedException.class, () -> fit(skipping));
        assertTrue(stopped.getMessage().contains("the 10th diverged round in a row"), stopped.getMessage());
        CheckpointStore store = new CheckpointStore(spark.hadoopConfiguration(), config.recovery().checkpointDir());
        assertTrue(store.names().size() <= 3, "only rounds before divergence could checkpoint: " + store.names());
    }
}
