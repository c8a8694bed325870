package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of the packaged command, injected from outside: the driver JVM killed with SIGKILL at
 * random moments (checkpoint writes included) and restarted with {@code --resume-if-present},
 * and a task whose first attempt fails. Each run must end with the model of a clean run.
 */
class DriverFailureIT {
    private static final int KILLS = 10;
    private static final Pattern WRITTEN = Pattern.compile("checkpoint (checkpoint-\\d+) written");
    private static final Pattern RESUMED = Pattern.compile("resuming from checkpoint (checkpoint-\\d+)");
    @TempDir
    static Path shared;
    private static String cleanModel;
    private static double cleanAccuracy;

    @TempDir
    Path dir;

    /** One epoch of the MLP on 6,000 records (169 rounds), checkpointing at the given interval. */
    private static List<String> job(Path output, Path checkpoints, String every) {
        return List.of("train", "--data", TrainEvaluateIT.FASHION, "--model", "mlp", "--epochs", "1", "--limit", "6000",
                "--workers", "2", "--batch-size", "32", "--optimizer", "nesterov", "--lr", "0.02",
                "--output", output.toString(), "--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", every,
                "--keep", "2");
    }

    private static String[] args(List<String> job, String... more) {
        List<String> all = new ArrayList<>(job);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @BeforeAll
    static void trainCleanly() throws Exception {
        Path model = shared.resolve("clean.zip");
        SparkdpProcess.Result clean = SparkdpProcess.run(shared, 5, args(job(model, shared.resolve("clean.checkpoints"), "1epoch"),
                "--master", "local[2]"));
        assertEquals(0, clean.code(), clean.toString());
        cleanModel = model.toString();
        cleanAccuracy = accuracy(shared, cleanModel);
    }

    private static double accuracy(Path logDir, String model) throws Exception {
        SparkdpProcess.Result evaluate = SparkdpProcess.run(logDir, 5, "evaluate", "--model", model, "--master", "local[2]");
        assertEquals(0, evaluate.code(), evaluate.toString());
        return TrainEvaluateIT.lastLineJson(evaluate).get("accuracy").asDouble();
    }

    @Test
    void aDriverKilledTenTimesAtRandomResumesEachTimeAndEndsWithTheCleanModel() throws Exception {
        Path model = dir.resolve("survivor.zip");
        // a checkpoint every round, so that most of the run is spent writing them and kills often land in a write
        String[] restart = args(job(model, dir.resolve("checkpoints"), "1round"), "--master", "local[2]", "--resume-if-present",
                "--overwrite");
        Random random = new Random(20261122L);
        String resumedBefore = "";
        int inWrites = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            SparkdpProcess.Running run = SparkdpProcess.start(command(restart), Map.of(), dir);
            String firstWrite = awaitCheckpointWritten(run);
            Thread.sleep(random.nextInt(2500));
            assertTrue(run.process().isAlive(), "run " + kill + " finished before it could be killed; lengthen the job");
            run.process().destroyForcibly();
            SparkdpProcess.Result killed = run.await(1);
            assertEquals(137, killed.code(), "run " + kill + " ended by SIGKILL:\n" + killed.err());
            String resumed = resumedFrom(killed.err(), kill);
            assertTrue(resumed.compareTo(resumedBefore) >= 0, "run " + kill + " resumed from " + resumed
                    + ", behind the earlier " + resumedBefore);
            assertTrue(firstWrite.compareTo(resumed) > 0, "run " + kill + " made progress past " + resumed);
            resumedBefore = resumed;
            inWrites += unfinishedWrites(dir.resolve("checkpoints")) > 0 ? 1 : 0;
        }
        System.out.println(inWrites + " of " + KILLS + " kills interrupted a checkpoint write");
        SparkdpProcess.Result last = SparkdpProcess.runCommand(command(restart), Map.of(), dir, 5);
        assertEquals(0, last.code(), last.toString());
        assertTrue(RESUMED.matcher(last.err()).find(), "the last run resumed too:\n" + last.err());
        ModelZips.assertSameState(cleanModel, model.toString());
        double accuracy = accuracy(dir, model.toString());
        assertTrue(Math.abs(accuracy - cleanAccuracy) <= 0.01, "accuracy " + accuracy + " vs clean " + cleanAccuracy);
    }

    @Test
    void aTaskThatFailsItsFirstAttemptIsRetriedAndChangesNothing() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("spark-conf"));
        Files.writeString(conf.resolve("spark-defaults.conf"), "spark.master local[2,3]\n"
                + "spark.sparkdp.test.failFirstAttempt 1:40\n");
        Path model = dir.resolve("retried.zip");
        SparkdpProcess.Result run = SparkdpProcess.runCommand(command(args(job(model, dir.resolve("ckpt"), "1epoch"))),
                Map.of("SPARK_CONF_DIR", conf.toString()), dir, 5);
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.err().contains("injected failure of the first attempt of epoch 1, round 40 on shard 0"),
                "the task failed once:\n" + run.err());
        ModelZips.assertSameState(cleanModel, model.toString());
    }

    private static long unfinishedWrites(Path checkpoints) throws java.io.IOException {
        try (var entries = Files.list(checkpoints)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".tmp-checkpoint-")).count();
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(SparkdpProcess.launcher().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits until the run has written a checkpoint of its own, and returns its name. */
    private static String awaitCheckpointWritten(SparkdpProcess.Running run) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (true) {
            Matcher written = WRITTEN.matcher(run.errSoFar());
            if (written.find()) {
                return written.group(1);
            }
            assertTrue(run.process().isAlive(), "the run ended before writing a checkpoint:\n" + run.errSoFar());
            assertTrue(System.nanoTime() < deadline, "no checkpoint within 2 minutes:\n" + run.errSoFar());
            Thread.sleep(100);
        }
    }

    /** The checkpoint a run resumed from; "" for the first run, which has none to resume. */
    private static String resumedFrom(String log, int run) {
        Matcher resumed = RESUMED.matcher(log);
        if (run == 1) {
            assertTrue(!resumed.find(), "the first run starts fresh");
            return "";
        }
        assertTrue(resumed.find(), "run " + run + " resumed from a checkpoint:\n" + log);
        return resumed.group(1);
    }
}
