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
 * The application jar on a real standalone cluster, started by {@code deploy/local-cluster.sh}
 * and submitted to by {@code deploy/submit.sh} in client deploy mode: a master and two workers of
 * one core each, every one its own JVM, with only Spark's jars on their class path. sparkdp and
 * DL4J reach the executors inside the application jar alone, as on a user's cluster.
 * {@code spark.rpc.message.maxSize} is set to its 1 MiB minimum, so a task closure that captured
 * the network's weights would fail.
 */
class StandaloneClusterIT {
    @TempDir
    static Path clusterDir;
    private static StandaloneCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(2, clusterDir.resolve("cluster"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private SparkdpProcess.Result submit(String... appArgs) throws Exception {
        return SparkdpProcess.runCommand(submitCommand(appArgs), cluster.environment(), dir, 10);
    }

    static List<String> submitCommand(String mode, String... appArgs) {
        List<String> command = new ArrayList<>(List.of(SparkdpProcess.script("deploy/submit.sh").toString(),
                "--deploy-mode", mode, "--conf", "spark.cores.max=2", "--conf", "spark.rpc.message.maxSize=1",
                "--conf", "spark.ui.enabled=false", "--"));
        command.addAll(List.of(appArgs));
        return command;
    }

    private List<String> submitCommand(String... appArgs) {
        return submitCommand("client", appArgs);
    }

    @Test
    void trainsAndEvaluatesOnTheClusterInClientMode() throws Exception {
        String model = dir.resolve("cluster-mlp.zip").toString();
        SparkdpProcess.Result train = submit("train", "--data", TrainEvaluateIT.FASHION, "--model", "mlp", "--epochs", "1",
                "--limit", "6000", "--validation-split", "0", "--workers", "2", "--batch-size", "32",
                "--optimizer", "nesterov", "--lr", "0.02", "--output", model);
        assertEquals(0, train.code(), train.toString());
        assertTrue(Files.size(Path.of(model)) > 1_000_000, "model written by the driver");
        assertTrue(cluster.executorsLaunched() >= 2, "the workers launched executor JVMs for the job");

        SparkdpProcess.Result evaluate = submit("evaluate", "--model", model, "--data", TrainEvaluateIT.FASHION, "--workers", "2");
        assertEquals(0, evaluate.code(), evaluate.toString());
        JsonNode summary = TrainEvaluateIT.lastLineJson(evaluate);
        assertEquals(10_000, summary.get("n").asLong());
        assertTrue(summary.get("accuracy").asDouble() >= 0.78, "test accuracy on the cluster " + summary.get("accuracy"));
    }

    @Test
    void losingAnExecutorMidEpochChangesNothingInTheResult() throws Exception {
        String[] job = {"train", "--data", TrainEvaluateIT.FASHION, "--model", "mlp", "--epochs", "2", "--limit", "20000",
                "--workers", "2", "--batch-size", "64", "--output"};
        String clean = dir.resolve("clean.zip").toString();
        SparkdpProcess.Result cleanRun = submit(append(job, clean));
        assertEquals(0, cleanRun.code(), cleanRun.toString());

        String model = dir.resolve("survivor.zip").toString();
        SparkdpProcess.Running train = SparkdpProcess.start(submitCommand(append(job, model)), cluster.environment(), dir);
        long launchedBefore = cluster.executorsLaunched();
        awaitRounds(train);
        List<ProcessHandle> executors = cluster.executors();
        assertEquals(2, executors.size(), "two executors are running the job");
        String secret = cluster.secret();
        assertTrue(executors.stream().noneMatch(e -> e.info().commandLine().orElse("").contains(secret)),
                "the secret reached the executors on their command line");
        assertTrue(executors.get(0).destroyForcibly(), "killed an executor");

        SparkdpProcess.Result result = train.await(10);
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("epoch 2: train loss"), result.toString());
        assertTrue(Files.size(Path.of(model)) > 1_000_000, "model written");
        assertTrue(cluster.executorsLaunched() > launchedBefore, "a replacement executor was launched");
        // Re-run tasks recompute the same sums from the same broadcast and the same records: every
        // shard counted exactly once gives bit-identical parameters and optimizer state.
        ModelZips.assertSameState(clean, model);
        JsonNode summary = TrainEvaluateIT.lastLineJson(submit("evaluate", "--model", model, "--workers", "2"));
        assertTrue(summary.get("accuracy").asDouble() >= 0.80, "test accuracy after the loss " + summary.get("accuracy"));
    }

    private static String[] append(String[] args, String last) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = last;
        return out;
    }

    /**
     * Waits for the first progress line of epoch 1 (logged after 10 s of rounds) and checks that
     * it came from inside the epoch, so the kill that follows lands mid-epoch.
     */
    private static void awaitRounds(SparkdpProcess.Running train) throws Exception {
        java.util.regex.Pattern progress = java.util.regex.Pattern.compile("epoch 1 round (\\d+)/(\\d+)");
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
        java.util.regex.Matcher round = progress.matcher(train.errSoFar());
        while (!round.find()) {
            assertTrue(train.process().isAlive(), "training ended before it was interrupted:\n" + train.errSoFar());
            assertTrue(System.nanoTime() < deadline, "no round finished within 3 minutes:\n" + train.errSoFar());
            Thread.sleep(200);
            round = progress.matcher(train.errSoFar());
        }
        assertTrue(Integer.parseInt(round.group(1)) < Integer.parseInt(round.group(2)),
                "the kill should land inside epoch 1, but it was at round " + round.group());
    }
}
