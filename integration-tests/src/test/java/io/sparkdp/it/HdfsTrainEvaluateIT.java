package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdp.data.HdfsExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data and model on a real HDFS (an in-process MiniDFSCluster on loopback): the launcher's JVM
 * reads the IDX files and writes and reads the model through {@code hdfs://} URIs.
 */
class HdfsTrainEvaluateIT {
    @RegisterExtension
    static final HdfsExtension hdfs = new HdfsExtension();
    @TempDir
    Path dir;

    @BeforeAll
    static void putData() throws Exception {
        for (String name : new String[]{"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            hdfs.put(Path.of("/usr/share/datasets/fashion-mnist", name), "/data/fashion/" + name);
        }
    }

    @Test
    void trainsFromAndSavesToHdfs() throws Exception {
        String root = hdfs.root();
        String model = root + "/runs/mlp.zip";
        SparkdpProcess.Result train = SparkdpProcess.run(dir, 10, "train", "--master", "local[2]",
                "--data", "idx:" + root + "/data/fashion", "--model", "mlp", "--epochs", "1", "--limit", "3000",
                "--batch-size", "32", "--output", model);
        assertEquals(0, train.code(), train.toString());
        assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path("/runs/mlp.zip")), "model on HDFS");
        assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path("/runs/mlp.checkpoints/metrics.jsonl")), "metrics on HDFS");
        Path page = dir.resolve("mlp-report.html");
        SparkdpProcess.Result report = SparkdpProcess.run(dir, 2, "report", "--run", root + "/runs/mlp.checkpoints",
                "--output", page.toString());
        assertEquals(0, report.code(), report.toString());
        String html = java.nio.file.Files.readString(page);
        assertTrue(html.contains("mlp.checkpoints: 1 epoch, ") && html.contains("; epoch 1: train loss "),
                "a report of the run, from metrics read over HDFS");

        SparkdpProcess.Result evaluate = SparkdpProcess.run(dir, 10, "evaluate", "--master", "local[2]",
                "--model", model, "--data", "idx:" + root + "/data/fashion");
        assertEquals(0, evaluate.code(), evaluate.toString());
        JsonNode summary = TrainEvaluateIT.lastLineJson(evaluate);
        assertEquals(10_000, summary.get("n").asLong());
        assertTrue(summary.get("accuracy").asDouble() >= 0.7, "test accuracy " + summary.get("accuracy"));
    }
}
