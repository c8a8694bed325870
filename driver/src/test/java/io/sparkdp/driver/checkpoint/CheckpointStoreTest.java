package io.sparkdp.driver.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.HdfsExtension;
import io.sparkdp.driver.TestNetworks;
import io.sparkdp.driver.config.ConfigJson;
import io.sparkdp.driver.config.EarlyStoppingConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.driver.model.ModelStore.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Writing, listing, pruning, verifying and falling back, on local disk and on a real in-process HDFS. */
class CheckpointStoreTest {
    @RegisterExtension
    static final HdfsExtension hdfs = new HdfsExtension();
    @TempDir
    Path dir;

    private static TrainingState state(long roundsDone) {
        TrainConfig config = TrainConfig.builder().model("mlp").workers(2).build();
        TrainingState fresh = TrainingState.fresh(config, io.sparkdp.data.Normalizer.none(), Provenance.current("3.5.7",
                List.of(new Provenance.DataSource("training", config.data(), 54_000))));
        TrainingState state = fresh;
        for (long r = 0; r < roundsDone; r++) {
            state = state.afterRound(0.5, 128, 0.01);
        }
        return state;
    }

    private String hdfsDir(String name) throws IOException {
        return hdfs.root() + "/checkpoints/" + name;
    }

    @Test
    void writesListsAndKeepsTheNewestNOnHdfs() throws Exception {
        CheckpointStore store = new CheckpointStore(hdfs.conf(), hdfsDir("keep"));
        store.checkWritable();
        MultiLayerNetwork network = TestNetworks.trained(1);
        for (long rounds : new long[]{10, 20, 30, 40}) {
            String name = store.write(state(rounds), network, Optional.empty());
            store.prune(name, 2);
        }
        assertEquals(List.of("checkpoint-000000030", "checkpoint-000000040"), store.names());
        assertEquals("checkpoint-000000040", store.latest().orElseThrow());
        Checkpoint newest = store.loadNewestGood().orElseThrow();
        assertEquals("checkpoint-000000040", newest.name());
        assertEquals(40, newest.state().roundsDone());
        TestNetworks.assertSameModel(network, newest.network());
        assertEquals(List.of("checkpoint-000000030", "checkpoint-000000040", "latest"), listing(hdfs.fs(), hdfsDir("keep")),
                "no temporary files are left behind");
    }

    @Test
    void aCorruptNewestCheckpointFallsBackToThePreviousOneOnHdfs() throws Exception {
        CheckpointStore store = new CheckpointStore(hdfs.conf(), hdfsDir("corrupt"));
        MultiLayerNetwork older = TestNetworks.trained(1);
        store.write(state(5), older, Optional.empty());
        store.write(state(9), TestNetworks.trained(2), Optional.empty());
        flipOneByte(hdfs.fs(), hdfsDir("corrupt") + "/checkpoint-000000009/model.zip");

        var failure = assertThrows(StorageException.class, () -> store.load("checkpoint-000000009"));
        assertTrue(failure.getMessage().contains("model.zip fails its SHA-256 check"), failure.getMessage());
        Checkpoint loaded = store.loadNewestGood().orElseThrow();
        assertEquals("checkpoint-000000005", loaded.name());
        TestNetworks.assertSameModel(older, loaded.network());
    }

    @Test
    void aCheckpointWithoutItsManifestOrWithATruncatedStateIsPassedOver() throws Exception {
        Configuration local = new Configuration();
        String uri = dir.resolve("ckpt").toUri().toString();
        CheckpointStore store = new CheckpointStore(local, uri);
        store.write(state(1), TestNetworks.trained(1), Optional.empty());
        store.write(state(2), TestNetworks.trained(2), Optional.empty());
        store.write(state(3), TestNetworks.trained(3), Optional.empty());
        FileSystem fs = FileSystem.get(java.net.URI.create(uri), local);
        fs.delete(new org.apache.hadoop.fs.Path(uri + "/checkpoint-000000003/manifest.json"), false);
        truncate(fs, uri + "/checkpoint-000000002/state.json");

        assertEquals("checkpoint-000000001", store.loadNewestGood().orElseThrow().name());
    }

    @Test
    void readersTrustWhatLatestNamesAndAResumeRemovesNewerLeftovers() throws Exception {
        Configuration local = new Configuration();
        String uri = dir.resolve("pointer").toUri().toString();
        CheckpointStore store = new CheckpointStore(local, uri);
        store.write(state(4), TestNetworks.trained(1), Optional.empty());
        store.write(state(8), TestNetworks.trained(2), Optional.empty());
        FileSystem fs = FileSystem.get(java.net.URI.create(uri), local);
        // a crash after the rename of checkpoint 8 but before the pointer moved to it, and an unfinished write
        writeText(fs, uri + "/latest", "checkpoint-000000004\n");
        fs.mkdirs(new org.apache.hadoop.fs.Path(uri + "/.tmp-checkpoint-000000012-x"));

        Checkpoint resumed = store.loadNewestGood().orElseThrow();
        assertEquals("checkpoint-000000004", resumed.name());
        store.removeAfter(resumed.name());
        assertEquals(List.of("checkpoint-000000004", "latest"), listing(fs, uri));
    }

    @Test
    void withoutALatestPointerTheNewestCheckpointThatVerifiesIsUsed() throws Exception {
        Configuration local = new Configuration();
        String uri = dir.resolve("nopointer").toUri().toString();
        CheckpointStore store = new CheckpointStore(local, uri);
        store.write(state(1), TestNetworks.trained(1), Optional.empty());
        store.write(state(2), TestNetworks.trained(2), Optional.empty());
        FileSystem.get(java.net.URI.create(uri), local).delete(new org.apache.hadoop.fs.Path(uri + "/latest"), false);
        assertEquals("checkpoint-000000002", store.loadNewestGood().orElseThrow().name());
        store.clear();
        assertTrue(store.names().isEmpty());
        assertTrue(store.loadNewestGood().isEmpty());
    }

    @Test
    void aWriteWhileHdfsRefusesWritesFailsCleanlyAndTheNextOneSucceeds() throws Exception {
        CheckpointStore store = new CheckpointStore(hdfs.conf(), hdfsDir("safemode"));
        store.write(state(3), TestNetworks.trained(1), Optional.empty());
        DistributedFileSystem fs = (DistributedFileSystem) hdfs.fs();
        fs.setSafeMode(HdfsConstants.SafeModeAction.SAFEMODE_ENTER);
        try {
            var failure = assertThrows(StorageException.class, () -> store.write(state(6), TestNetworks.trained(2), Optional.empty()));
            assertTrue(failure.getMessage().startsWith("cannot write checkpoint checkpoint-000000006"), failure.getMessage());
        } finally {
            fs.setSafeMode(HdfsConstants.SafeModeAction.SAFEMODE_LEAVE);
        }
        assertEquals("checkpoint-000000003", store.latest().orElseThrow());
        assertEquals("checkpoint-000000003", store.loadNewestGood().orElseThrow().name());
        store.write(state(9), TestNetworks.trained(3), Optional.empty());
        assertEquals("checkpoint-000000009", store.loadNewestGood().orElseThrow().name());
    }

    @Test
    void anUnwritableDirectoryIsReportedBeforeTraining() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        var failure = assertThrows(StorageException.class, () -> new CheckpointStore(new Configuration(), file.toString()).checkWritable());
        assertTrue(failure.getMessage().contains("is a file"), failure.getMessage());
        var under = assertThrows(StorageException.class,
                () -> new CheckpointStore(new Configuration(), file.resolve("sub").toString()).checkWritable());
        assertTrue(under.getMessage().startsWith("cannot write checkpoint directory"), under.getMessage());
    }

    /** A state after one validated epoch of a run with early stopping on: epoch 1 is its best. */
    private static TrainingState earlyStoppingState() {
        TrainConfig config = TrainConfig.builder().model("mlp").workers(2)
                .earlyStopping(EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.LOSS, 2)).build();
        return TrainingState.fresh(config, io.sparkdp.data.Normalizer.none(), Provenance.current("3.5.7", List.of()))
                .afterRound(0.7, 128, 0.01)
                .afterEpoch(new EpochReport(0, 0.7, 128, 0.01, Optional.of(new ClassificationMetrics(100, 0.8, 0.5, 0.79, 0.78,
                        0.77, new long[][]{{40, 10}, {10, 40}}, 1, 0.8, 0.5))));
    }

    @Test
    void theBestEpochsModelTravelsInTheCheckpointVerifiedByItsManifest() throws Exception {
        TrainingState state = earlyStoppingState();
        assertTrue(state.earlyStopping().bestIs(0), state.earlyStopping().toString());
        String uri = dir.resolve("best").toString();
        CheckpointStore store = new CheckpointStore(new Configuration(), uri);
        MultiLayerNetwork current = TestNetworks.trained(1);
        MultiLayerNetwork best = TestNetworks.trained(2);
        String name = store.write(state, current, Optional.of(best));

        Checkpoint back = store.load(name);
        TestNetworks.assertSameModel(current, back.network());
        TestNetworks.assertSameModel(best, back.best().orElseThrow().asMultiLayer());
        assertEquals(state.earlyStopping(), back.state().earlyStopping());

        flipOneByte(FileSystem.getLocal(new Configuration()), uri + "/" + name + "/best.zip");
        var corrupt = assertThrows(StorageException.class, () -> store.load(name));
        assertTrue(corrupt.getMessage().contains("best.zip fails its SHA-256 check"), corrupt.getMessage());

        String without = store.write(state.afterRound(0.5, 128, 0.01), current, Optional.empty());
        var missing = assertThrows(StorageException.class, () -> store.load(without));
        assertTrue(missing.getMessage().contains("names a best epoch but has no best.zip"), missing.getMessage());
    }

    @Test
    void theStrategysDriverStateTravelsInTheCheckpointVerifiedByItsManifest() throws Exception {
        CheckpointStore store = new CheckpointStore(hdfs.conf(), hdfsDir("strategy"));
        MultiLayerNetwork network = TestNetworks.trained(1);
        INDArray momentum = Nd4j.rand(DataType.FLOAT, network.numParams()).subi(0.5);
        String name = store.write(state(3), io.sparkdp.models.network.Network.of(network), Optional.empty(), Optional.of(momentum));

        Checkpoint back = store.load(name);
        assertEquals(momentum, back.strategyState().orElseThrow());
        assertEquals(DataType.FLOAT, back.strategyState().orElseThrow().dataType());
        TestNetworks.assertSameModel(network, back.network());
        assertTrue(store.load(store.write(state(4), network, Optional.empty())).strategyState().isEmpty(),
                "a strategy that keeps nothing writes nothing");

        flipOneByte(hdfs.fs(), hdfsDir("strategy") + "/" + name + "/strategy.bin");
        var corrupt = assertThrows(StorageException.class, () -> store.load(name));
        assertTrue(corrupt.getMessage().contains("strategy.bin fails its SHA-256 check"), corrupt.getMessage());
    }

    @Test
    void aStateWrittenBeforeEarlyStoppingExistedReadsAsNothingTracked() {
        TrainingState state = earlyStoppingState();
        String json = ConfigJson.write(state);
        assertEquals(state, ConfigJson.read(json, TrainingState.class));
        String older = json.replaceFirst("\"earlyStopping\":\\{\"best\":\\{[^}]*},\"epochsWithoutImprovement\":0},", "");
        assertTrue(older.length() < json.length() && !older.contains("epochsWithoutImprovement"), older);
        assertEquals(EarlyStoppingState.NONE, ConfigJson.read(older, TrainingState.class).earlyStopping());
    }

    @Test
    void trainingStateRoundTripsThroughJsonWithItsHistory() {
        TrainingState state = state(7).afterEpoch(new EpochReport(0, 0.61, 896, 1.5, java.util.Optional.of(
                        new ClassificationMetrics(100, 0.8, 0.5, 0.79, 0.78, 0.77, new long[][]{{40, 10}, {10, 40}}, 1, 0.8,
                                Double.NaN))))
                .afterEpoch(new EpochReport(1, 0.5, 896, 1.4, java.util.Optional.empty()))
                .afterRound(0.4, 128, 0.02);
        String json = ConfigJson.write(state);
        assertEquals(state, ConfigJson.read(json, TrainingState.class));
        assertTrue(json.contains("\"gitCommit\""), json);
        assertTrue(json.contains("\"records\":54000"), json);
    }

    private static List<String> listing(FileSystem fs, String uri) throws IOException {
        return java.util.Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path(uri)))
                .map(s -> s.getPath().getName()).filter(n -> !n.endsWith(".crc")).sorted().toList();
    }

    private static void flipOneByte(FileSystem fs, String uri) throws IOException {
        rewrite(fs, uri, bytes -> {
            bytes[bytes.length / 2] ^= 0x5A;
            return bytes;
        });
    }

    private static void truncate(FileSystem fs, String uri) throws IOException {
        rewrite(fs, uri, bytes -> java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static void rewrite(FileSystem fs, String uri, java.util.function.UnaryOperator<byte[]> change) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        byte[] bytes;
        try (InputStream in = fs.open(path)) {
            bytes = in.readAllBytes();
        }
        try (OutputStream out = fs.create(path, true)) {
            out.write(change.apply(bytes));
        }
    }

    private static void writeText(FileSystem fs, String uri, String text) throws IOException {
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(uri), true)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertFalse(text.isEmpty());
    }
}
