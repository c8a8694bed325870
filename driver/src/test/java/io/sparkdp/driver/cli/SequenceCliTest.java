package io.sparkdp.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkdp train --data csvseq:... --model lstm} end to end through the real entry point, on
 * a tagging task with a class per time step: each step is "up" when its value plus the previous
 * step's is positive, which needs memory. Sequences of 4 to 10 steps are padded and masked; the
 * evaluation counts real steps only. Bad sequence input fails in one line.
 */
class SequenceCliTest {
    private static final int TRAIN = 400;
    private static final int TEST = 100;

    @TempDir
    static Path tmp;
    private static int testSteps;

    private static CliRun.Outcome run(String... args) {
        return CliRun.run(args);
    }

    @BeforeAll
    static void writeData() throws IOException {
        tagged(tmp.resolve("train"), TRAIN, new Random(1));
        testSteps = tagged(tmp.resolve("test"), TEST, new Random(2));
    }

    /** {@code count} sequences, one file each, rows {@code x,noise,label}; returns the steps written. */
    private static int tagged(Path dir, int count, Random random) throws IOException {
        Files.createDirectories(dir);
        int steps = 0;
        for (int i = 0; i < count; i++) {
            int length = 4 + random.nextInt(7);
            StringBuilder rows = new StringBuilder();
            double previous = 0;
            for (int t = 0; t < length; t++) {
                double x = random.nextDouble() * 2 - 1;
                rows.append(String.format("%.4f,%.4f,%s%n", x, random.nextGaussian(), x + previous > 0 ? "up" : "down"));
                previous = x;
            }
            Files.writeString(dir.resolve(String.format("seq-%04d.csv", i)), rows);
            steps += length;
        }
        return steps;
    }

    private static String spec(String name) {
        return "csvseq:" + tmp.resolve(name).toUri();
    }

    @Test
    void lstmTrainsOnLabelsPerTimeStepFromTheCommandLineAndEvaluatesRealStepsOnly() throws IOException {
        String model = tmp.resolve("tagger.zip").toString();
        CliRun.Outcome trained = run("train", "--master", "local[2]", "--data", spec("train"), "--validation", spec("test"),
                "--model", "lstm", "--model-arg", "hidden=32", "--epochs", "8", "--batch-size", "32", "--workers", "2",
                "--optimizer", "adam", "--lr", "0.02", "--seed", "5", "--checkpoint-dir", "none", "--output", model);
        assertEquals(0, trained.code(), trained.err());

        Path metrics = tmp.resolve("metrics.json");
        CliRun.Outcome evaluated = run("evaluate", "--master", "local[2]", "--model", model, "--data", spec("test"),
                "--metrics-json", metrics.toString());
        assertEquals(0, evaluated.code(), evaluated.err());
        JsonNode json = new ObjectMapper().readTree(metrics.toFile());
        System.out.println("lstm tagging test accuracy " + json.get("accuracy").asDouble() + " over "
                + json.get("examples").asLong() + " steps");
        assertEquals(testSteps, json.get("examples").asLong(), "every real step counted, no padded one");
        assertTrue(json.get("accuracy").asDouble() > 0.9, "tagging accuracy " + json.get("accuracy"));
    }

    @Test
    void badSequenceInputAndAFlatModelOnSequencesFailInOneLine() throws IOException {
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("a.csv"), "0.5,1,up\n0.25,NaN,down\n");
        List<String> args = new ArrayList<>(List.of("train", "--master", "local[1]", "--data", "csvseq:" + bad.toUri(),
                "--model", "lstm", "--checkpoint-dir", "none", "--output", tmp.resolve("bad.zip").toString()));
        CliRun.Outcome nan = run(args.toArray(String[]::new));
        // Spark's own log still reports the failed read task (as for csv: data); sparkdp's error is one line.
        assertErrorLine(nan, "a.csv:2: column 1 is NaN; features must be finite");

        CliRun.Outcome flat = run("train", "--master", "local[1]", "--data", spec("test"), "--model", "mlp", "--checkpoint-dir",
                "none", "--output", tmp.resolve("flat.zip").toString());
        assertOneLine(flat, "model mlp reads flat examples; csvseq: sequences train a recurrent model: lstm, bilstm");
    }

    private static void assertErrorLine(CliRun.Outcome outcome, String expected) {
        assertTrue(outcome.code() != 0, "non-zero exit");
        List<String> errors = outcome.err().lines().filter(l -> l.startsWith("sparkdp train: error:")).toList();
        assertEquals(1, errors.size(), outcome.err());
        assertTrue(errors.get(0).contains(expected), outcome.err());
    }

    private static void assertOneLine(CliRun.Outcome outcome, String expected) {
        assertErrorLine(outcome, expected);
        assertFalse(outcome.err().lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")), outcome.err());
    }
}
