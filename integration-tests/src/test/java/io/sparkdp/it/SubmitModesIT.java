package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdp.data.HdfsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/submit.sh} in both deploy modes against a cluster of {@code deploy/local-cluster.sh}
 * (a master and two one-core workers), with data and models on a real HDFS (MiniDFSCluster on
 * loopback). In client mode the driver is the submitting JVM and each worker runs one executor.
 * In cluster mode a worker runs the driver, which takes that worker's only core, so the job runs
 * on one executor on the other worker: the two partitions take turns on its core.
 */
class SubmitModesIT {
    private static final String[] TRAIN = {"train", "--model", "mlp", "--epochs", "1", "--limit", "6000",
        "--validation-split", "0", "--workers", "2", "--batch-size", "32", "--optimizer", "nesterov", "--lr", "0.02"};
    private static HdfsFixture hdfs;
    private static StandaloneCluster cluster;
    @TempDir
    static Path base;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        hdfs = HdfsFixture.start(base.resolve("hdfs"));
        for (String name : new String[]{"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            hdfs.put(Path.of("/usr/share/datasets/fashion-mnist", name), "/data/fashion/" + name);
        }
        cluster = StandaloneCluster.start(2, base.resolve("cluster"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (hdfs != null) {
                hdfs.close();
            }
        }
    }

    private SparkdpProcess.Result submit(String mode, List<String> appArgs) throws Exception {
        return SparkdpProcess.runCommand(StandaloneClusterIT.submitCommand(mode, appArgs.toArray(String[]::new)),
                cluster.environment(), dir, 10);
    }

    /** Training from and to HDFS, with checkpoints (and metrics) on HDFS under /checkpoints/{@code name}. */
    private List<String> train(String output, String name) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(TRAIN));
        args.addAll(List.of("--data", "idx:" + hdfs.root() + "/data/fashion", "--output", hdfs.root() + output,
                "--checkpoint-dir", hdfs.root() + "/checkpoints/" + name));
        return args;
    }

    private void assertCheckpointedOnHdfs(String name) throws Exception {
        for (String file : new String[]{"latest", "metrics.jsonl"}) {
            assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path("/checkpoints/" + name + "/" + file)),
                    "the " + name + "-mode run wrote " + file + " to its checkpoint directory on HDFS");
        }
    }

    private List<String> evaluate(String model) throws Exception {
        return List.of("evaluate", "--model", hdfs.root() + model, "--data", "idx:" + hdfs.root() + "/data/fashion",
                "--workers", "2");
    }

    @Test
    void clientAndClusterModeTrainTheSameModelFromAndToHdfs() throws Exception {
        SparkdpProcess.Result client = submit("client", train("/runs/client.zip", "client"));
        assertEquals(0, client.code(), client.toString());
        assertCheckpointedOnHdfs("client");
        JsonNode clientScore = TrainEvaluateIT.lastLineJson(submit("client", evaluate("/runs/client.zip")));
        assertTrue(clientScore.get("accuracy").asDouble() >= 0.78, "client-mode test accuracy " + clientScore);

        SparkdpProcess.Result submitted = submit("cluster", train("/runs/cluster.zip", "cluster"));
        assertEquals(0, submitted.code(), submitted.toString());
        assertCheckpointedOnHdfs("cluster");
        assertTrue(submitted.err().contains("submit.sh: driver driver-") && submitted.err().contains(" FINISHED"),
                submitted.toString());
        Path driver = cluster.newestDriver().orElseThrow(() -> new AssertionError("no driver ran on a worker"));
        String driverOut = Files.readString(driver.resolve("stdout"));
        assertTrue(driverOut.contains("epoch 1: train loss"), "the worker-run driver trained:\n" + driverOut);
        assertTrue(driverOut.contains("saved model to hdfs://"), driverOut);

        // The same seed and shards on one executor instead of two: the same sums, so the same bits.
        assertArrayEquals(coefficients("/runs/client.zip"), coefficients("/runs/cluster.zip"),
                "cluster-mode parameters differ from client mode's");

        assertEquals(0, submit("cluster", evaluate("/runs/cluster.zip")).code());
        Path evaluator = cluster.newestDriver().orElseThrow();
        assertNotEquals(driver, evaluator, "evaluate ran as its own driver");
        List<String> lines = Files.readString(evaluator.resolve("stdout")).lines().filter(l -> !l.isBlank()).toList();
        JsonNode clusterScore = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals(10_000, clusterScore.get("n").asLong());
        assertEquals(clientScore.get("accuracy").asDouble(), clusterScore.get("accuracy").asDouble(), 1e-12,
                "one model, one test set: one accuracy");
        System.out.println("SubmitModesIT: test accuracy " + clientScore.get("accuracy") + " (client mode), "
                + clusterScore.get("accuracy") + " (cluster mode)");
    }

    @Test
    void aDriverThatFailsInClusterModeFailsTheSubmission() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(TRAIN));
        args.addAll(List.of("--data", "idx:" + hdfs.root() + "/no/such/data", "--output", hdfs.root() + "/runs/none.zip"));
        SparkdpProcess.Result submitted = submit("cluster", args);
        assertEquals(1, submitted.code(), submitted.toString());
        assertTrue(submitted.err().contains(" FAILED"), submitted.toString());
        String driverErr = Files.readString(cluster.newestDriver().orElseThrow().resolve("stderr"));
        assertTrue(driverErr.lines().anyMatch(l -> l.startsWith("sparkdp train: error: ") && l.contains("/no/such/data")),
                "the driver's one-line error:\n" + driverErr);
    }

    private byte[] coefficients(String model) throws Exception {
        Path local = dir.resolve(Path.of(model).getFileName());
        hdfs.fs().copyToLocalFile(new org.apache.hadoop.fs.Path(model), new org.apache.hadoop.fs.Path(local.toUri()));
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(local.toFile());
             var in = zip.getInputStream(zip.getEntry("coefficients.bin"))) {
            return in.readAllBytes();
        }
    }
}
