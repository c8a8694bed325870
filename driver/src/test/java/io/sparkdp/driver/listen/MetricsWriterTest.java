package io.sparkdp.driver.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdp.data.BadDataException;
import io.sparkdp.data.HdfsExtension;
import io.sparkdp.driver.report.RunMetrics;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.Phase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics.jsonl}: every documented field, lines readable while the run goes on, and a
 * second driver continuing the file, on local disk, on a real in-process HDFS (taking over a dead
 * driver's lease), and on a file system that can neither append nor flush.
 */
class MetricsWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode CONFIG = JSON.createObjectNode().put("model", "mlp").put("epochs", 2);
    private static final JsonNode PROVENANCE = JSON.createObjectNode().put("spark", "3.5.7");
    @RegisterExtension
    static final HdfsExtension hdfs = new HdfsExtension();
    @TempDir
    Path dir;

    private static RoundReport round(int epoch, int round) {
        return new RoundReport(epoch, round, 3, 128, 0.75, 2e-3,
                Map.of(Phase.BROADCAST, 3.0, Phase.COMPUTE, 12.0, Phase.AGGREGATE, 16.0, Phase.UPDATE, 1.0));
    }

    private static EpochReport epoch(int epoch) {
        long[][] confusion = {{5, 1}, {2, 4}};
        return new EpochReport(epoch, 0.6, 384, 0.096,
                Optional.of(new ClassificationMetrics(12, 0.75, 0.55, 0.74, 0.75, 0.745, confusion, 1, 0.75, 0.53)));
    }

    private static List<JsonNode> parse(String text) throws IOException {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static String read(FileSystem fs, String file) throws IOException {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyLineParsesAndCarriesTheDocumentedFields() throws IOException {
        String runDir = dir.resolve("run").toUri().toString();
        try (MetricsWriter writer = MetricsWriter.open(new Configuration(), runDir, CONFIG, PROVENANCE, false)) {
            writer.onRound(round(0, 0));
            writer.onEpoch(epoch(0));
            writer.onEpoch(new EpochReport(1, Double.NaN, 384, 0.1, Optional.empty()));
        }
        List<JsonNode> lines = parse(Files.readString(dir.resolve("run/metrics.jsonl")));
        assertEquals(4, lines.size());
        JsonNode run = lines.get(0);
        assertEquals("run", run.get("type").asText());
        assertEquals(CONFIG, run.get("config"));
        assertEquals(PROVENANCE, run.get("provenance"));
        assertTrue(run.get("time").asText().endsWith("Z"), "UTC time: " + run);

        JsonNode round = lines.get(1);
        assertEquals("round", round.get("type").asText());
        assertEquals(List.of(1, 1, 3, 128), List.of(round.get("epoch").asInt(), round.get("round").asInt(),
                round.get("rounds").asInt(), round.get("examples").asInt()), "counted from 1: " + round);
        assertEquals(0.75, round.get("loss").asDouble());
        assertEquals(2e-3, round.get("lr").asDouble());
        assertEquals(128 / 0.032, round.get("samples_per_s").asDouble(), 1e-9);
        JsonNode ms = round.get("ms");
        assertEquals(List.of(3.0, 12.0, 16.0, 1.0, 32.0), List.of(ms.get("broadcast").asDouble(), ms.get("compute").asDouble(),
                ms.get("aggregate").asDouble(), ms.get("update").asDouble(), ms.get("total").asDouble()));
        assertTrue(round.has("time"));

        JsonNode epoch = lines.get(2);
        assertEquals("epoch", epoch.get("type").asText());
        assertEquals(1, epoch.get("epoch").asInt());
        assertEquals(0.6, epoch.get("train_loss").asDouble());
        assertEquals(384, epoch.get("examples").asInt());
        assertEquals(0.096, epoch.get("train_s").asDouble());
        assertEquals(4000, epoch.get("samples_per_s").asDouble(), 1e-9);
        JsonNode validation = epoch.get("validation");
        for (String field : new String[]{"examples", "accuracy", "top_k", "top_k_accuracy", "loss", "log_loss", "precision",
                "recall", "f1"}) {
            assertTrue(validation.get(field).isNumber(), field + " in " + validation);
        }
        assertEquals("[[5,1],[2,4]]", validation.get("confusion").toString());
        assertEquals("{\"precision\":[0.7142857142857143,0.8],\"recall\":[0.8333333333333334,0.6666666666666666],"
                + "\"f1\":[0.7692307692307692,0.7272727272727272],\"support\":[6,6]}", validation.get("per_class").toString());

        JsonNode unvalidated = lines.get(3);
        assertTrue(unvalidated.get("train_loss").isNull(), "NaN is written as null, JSON has no NaN: " + unvalidated);
        assertFalse(unvalidated.has("validation"), "no validation object when nothing is held out");
    }

    @Test
    void theEndLineSaysWhyTrainingEndedAndWhichEpochWasKeptAndTheReaderKeepsIt() throws IOException {
        String runDir = dir.resolve("ended").toUri().toString();
        TrainingEnd end = new TrainingEnd(5, TrainingEnd.Reason.EARLY_STOPPING, 2,
                Optional.of(new TrainingEnd.BestEpoch(2, "loss", 0.625)));
        try (MetricsWriter writer = MetricsWriter.open(new Configuration(), runDir, CONFIG, PROVENANCE, false)) {
            writer.onEpoch(epoch(0));
            writer.onEnd(end);
        }
        String text = Files.readString(dir.resolve("ended/metrics.jsonl"));
        JsonNode line = parse(text).get(2);
        assertEquals("{\"type\":\"end\",\"reason\":\"early_stopping\",\"epochs\":5,\"patience\":2,\"best_epoch\":3,"
                + "\"metric\":\"loss\",\"best\":0.625}", ((com.fasterxml.jackson.databind.node.ObjectNode) line.deepCopy()).without("time").toString());
        assertEquals(line, RunMetrics.parse(List.of(text.split("\n")), "m").end().orElseThrow());
        assertEquals("early stopping: no improvement for 2 epochs after epoch 3 (validation loss 0.6250); stopped after epoch 5"
                + " and kept epoch 3's model", end.describe().orElseThrow());
        assertEquals(Optional.empty(), new TrainingEnd(5, TrainingEnd.Reason.EPOCHS, 0, Optional.empty()).describe());
    }

    @Test
    void onLocalDiskLinesAreReadableAtOnceAndADriverRestartContinuesTheFile() throws IOException {
        Path file = dir.resolve("run/metrics.jsonl");
        String runDir = dir.resolve("run").toString();
        // The first driver dies without closing its file.
        MetricsWriter first = MetricsWriter.open(new Configuration(), runDir, CONFIG, PROVENANCE, false);
        first.onRound(round(0, 0));
        first.onRound(round(0, 1));
        assertEquals(3, Files.readAllLines(file).size(), "each line is on disk as soon as it is written");
        Files.writeString(file, "{\"type\":\"round\",\"epo", StandardOpenOption.APPEND); // it died mid-line

        try (MetricsWriter second = MetricsWriter.open(new Configuration(), runDir, CONFIG, PROVENANCE, true)) {
            second.onRound(round(0, 1));
            second.onRound(round(0, 2));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"type\":\"run\""));
        assertEquals("{\"type\":\"round\",\"epo", lines.get(3), "the fragment stands alone on its line");
        assertTrue(lines.get(4).contains("\"type\":\"resume\""), lines.get(4));
        assertFalse(Files.exists(dir.resolve("run/.metrics.jsonl.crc")), "no checksum file that appends would make stale");

        RunMetrics metrics = RunMetrics.read(new Configuration(), runDir);
        assertEquals(1, metrics.resumes());
        assertEquals(3, metrics.rounds().size(), "round 2 was written twice; the resumed driver's line wins");

        Files.writeString(file, "not json\n{\"type\":\"round\",\"epoch\":1,\"round\":1}\n", StandardOpenOption.APPEND);
        BadDataException corrupt = assertThrows(BadDataException.class, () -> RunMetrics.read(new Configuration(), runDir));
        assertTrue(corrupt.getMessage().endsWith("metrics.jsonl line 8 is not a JSON object: not json"), corrupt.getMessage());
    }

    @Test
    void onHdfsANewDriverTakesOverTheDeadDriversLeaseAndAppends() throws IOException {
        String runDir = hdfs.root() + "/runs/crashed";
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(runDir, MetricsWriter.FILE_NAME);
        // The first driver is its own HDFS client, which keeps the file's lease and never closes it.
        FileSystem deadClient = FileSystem.newInstance(hdfs.fs().getUri(), hdfs.conf());
        try {
            MetricsWriter first = MetricsWriter.start(JsonLinesFile.open(deadClient, path, false), path.toString(),
                    CONFIG, PROVENANCE);
            first.onRound(round(0, 0));
            assertEquals(2, read(hdfs.fs(), path.toString()).split("\n").length, "hflush makes lines visible to readers at once");

            try (MetricsWriter second = MetricsWriter.open(hdfs.conf(), runDir, CONFIG, PROVENANCE, true)) {
                second.onRound(round(0, 1));
                second.onEpoch(epoch(0));
                assertEquals(5, read(hdfs.fs(), path.toString()).split("\n").length);
            }
        } finally {
            closeQuietly(deadClient);
        }
        List<JsonNode> lines = parse(read(hdfs.fs(), path.toString()));
        assertEquals(List.of("run", "round", "resume", "round", "epoch"), lines.stream().map(l -> l.get("type").asText()).toList());
        RunMetrics metrics = RunMetrics.read(hdfs.conf(), runDir);
        assertEquals(2, metrics.rounds().size());
        assertEquals(1, metrics.epochs().size());
    }

    @Test
    void whereTheFileSystemCannotAppendTheOldLinesAreCopiedIntoANewFile() throws IOException {
        // Hadoop's checksummed local file system, like object stores, can neither append nor hflush.
        FileSystem checksummed = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve("run/metrics.jsonl").toUri());
        assertFalse(checksummed.hasPathCapability(path.getParent(), CommonPathCapabilities.FS_APPEND));
        try (MetricsWriter first = MetricsWriter.start(JsonLinesFile.open(checksummed, path, false), path.toString(),
                CONFIG, PROVENANCE)) {
            first.onRound(round(0, 0));
        }
        JsonLinesFile continued = JsonLinesFile.open(checksummed, path, true);
        assertTrue(continued.continued());
        try (MetricsWriter second = MetricsWriter.start(continued, path.toString(), CONFIG, PROVENANCE)) {
            second.onRound(round(0, 1));
        }
        List<JsonNode> lines = parse(read(checksummed, path.toString()));
        assertEquals(List.of("run", "round", "resume", "round"), lines.stream().map(l -> l.get("type").asText()).toList());
    }

    @Test
    void anUnwritableDirectoryIsOneClearError() throws IOException {
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        var error = assertThrows(io.sparkdp.driver.model.ModelStore.StorageException.class,
                () -> MetricsWriter.open(new Configuration(), blocker.resolve("run").toString(), CONFIG, PROVENANCE, false));
        assertTrue(error.getMessage().startsWith("cannot write metrics to "), error.getMessage());
    }

    private static void closeQuietly(FileSystem fs) {
        try {
            fs.close();
        } catch (IOException | RuntimeException e) {
            // Its lease was taken over: closing the dead driver's stream is expected to fail.
        }
    }
}
