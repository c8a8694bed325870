package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar on a real standalone cluster: a master and two workers of one core each,
 * every one its own JVM, with only Spark's jars on their class path. sparkdp and DL4J reach the
 * executors inside the application jar alone, as on a user's cluster. {@code spark.rpc.message.maxSize}
 * is set to its 1 MiB minimum, so a task closure that captured the network's weights would fail.
 */
class StandaloneClusterIT {
    private static final Path SPARK_HOME = Path.of(System.getProperty("spark.home", "target/spark-home")).toAbsolutePath();
    @TempDir
    static Path clusterDir;
    private static StandaloneCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(SPARK_HOME, 2, 3072, clusterDir.resolve("logs"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private SparkdpProcess.Result submit(String... appArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(StandaloneCluster.javaBinary(), "-Xmx3g"));
        command.addAll(StandaloneCluster.OPENS);
        String opens = String.join(" ", StandaloneCluster.OPENS);
        command.addAll(List.of("-cp", SparkdpProcess.logConfigDirectory() + ":" + cluster.classPath(),
                "org.apache.spark.deploy.SparkSubmit", "--master", cluster.masterUrl(), "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=2g", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                "--conf", "spark.rpc.message.maxSize=1", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.extraJavaOptions=" + opens,
                "--class", "io.sparkdp.driver.cli.SparkdpMain", SparkdpProcess.applicationJar().toString()));
        command.addAll(List.of(appArgs));
        return SparkdpProcess.runCommand(command, cluster.environment(), dir, 10);
    }

    @Test
    void trainsAndEvaluatesOnTheClusterInClientMode() throws Exception {
        String model = dir.resolve("cluster-mlp.zip").toString();
        SparkdpProcess.Result train = submit("train", "--data", TrainEvaluateIT.FASHION, "--model", "mlp", "--epochs", "1",
                "--limit", "6000", "--validation-split", "0", "--workers", "2", "--batch-size", "32",
                "--optimizer", "momentum", "--lr", "0.02", "--output", model);
        assertEquals(0, train.code(), train.toString());
        assertTrue(Files.size(Path.of(model)) > 1_000_000, "model written by the driver");
        assertTrue(cluster.executorsLaunched() >= 2, "the workers launched executor JVMs for the job");

        SparkdpProcess.Result evaluate = submit("evaluate", "--model", model, "--data", TrainEvaluateIT.FASHION, "--workers", "2");
        assertEquals(0, evaluate.code(), evaluate.toString());
        JsonNode summary = TrainEvaluateIT.lastLineJson(evaluate);
        assertEquals(10_000, summary.get("n").asLong());
        assertTrue(summary.get("accuracy").asDouble() >= 0.78, "test accuracy on the cluster " + summary.get("accuracy"));
    }
}
