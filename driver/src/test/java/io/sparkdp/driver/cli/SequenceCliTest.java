package io.sparkdp.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdp.driver.SeasonalSequences;
import io.sparkdp.driver.TaggedSequences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkdp train --data csvseq:... --model lstm} end to end through the real entry point, on
 * a tagging task with a class per time step ({@link TaggedSequences}). Sequences of 4 to 10 steps
 * are padded and masked; the evaluation counts real steps only. Forecasting the next value with
 * {@code --task regression} ({@link SeasonalSequences}) likewise; {@code sparkdp score} writes the
 * tagger's row per real step. Bad sequence input fails in one line.
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
        TaggedSequences.write(tmp.resolve("train"), TRAIN, 1);
        testSteps = TaggedSequences.write(tmp.resolve("test"), TEST, 2);
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

        Path scores = tmp.resolve("scores");
        CliRun.Outcome scored = run("score", "--master", "local[2]", "--model", model, "--input", spec("test"),
                "--label-column", "2", "--top-k", "1", "--output", scores.toString(), "--output-format", "jsonl");
        assertEquals(0, scored.code(), scored.err());
        assertTrue(scored.out().strip().startsWith("scored " + TEST + " sequences (0 bad)"), scored.out());
        long rows = 0;
        try (var parts = Files.list(scores)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                rows += Files.readAllLines(part).size();
            }
        }
        assertEquals(testSteps, rows, "score writes a tagger's row per real step");
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

    @Test
    void forecastingTrainsAndEvaluatesRegressionOverRealStepsAndBadTargetsFailInOneLine() throws IOException {
        double[] series = SeasonalSequences.series(8L);
        int[][] train = SeasonalSequences.windows(120, false, 9L);
        int[][] test = SeasonalSequences.windows(40, true, 10L);
        SeasonalSequences.perStep(tmp.resolve("forecast-train"), series, train);
        SeasonalSequences.perStep(tmp.resolve("forecast-test"), series, test);
        String model = tmp.resolve("forecast.zip").toString();
        CliRun.Outcome trained = run("train", "--master", "local[2]", "--task", "regression", "--data", spec("forecast-train"),
                "--validation-split", "0", "--model", "lstm", "--model-arg", "hidden=16", "--epochs", "2", "--batch-size", "32",
                "--normalize", "standardize", "--optimizer", "adam", "--lr", "0.01", "--seed", "5", "--checkpoint-dir", "none",
                "--output", model);
        assertEquals(0, trained.code(), trained.err());

        Path metrics = tmp.resolve("forecast.json");
        CliRun.Outcome evaluated = run("evaluate", "--master", "local[2]", "--model", model, "--data", spec("forecast-test"),
                "--metrics-json", metrics.toString());
        assertEquals(0, evaluated.code(), evaluated.err());
        JsonNode json = new ObjectMapper().readTree(metrics.toFile());
        assertEquals("regression", json.get("task").asText());
        assertEquals(java.util.Arrays.stream(test).mapToLong(w -> w[1]).sum(), json.get("examples").asLong(),
                "every real step counted, no padded one: " + json);
        assertTrue(json.get("mse").asDouble() > 0 && Double.isFinite(json.get("r2").asDouble()), json.toString());
        SeasonalSequences.perSequence(tmp.resolve("forecast-next"), series, test);
        assertOneLine(CliRun.run("evaluate", "--master", "local[1]", "--model", model, "--data", spec("forecast-next")),
                "sparkdp evaluate: error:", "the model predicts per time step but the data is labelled per sequence");

        Path bad = tmp.resolve("bad-target");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("a.csv"), "0.5,1\n0.25,Infinity\n");
        // As for bad features, Spark's log reports the failed read task; sparkdp's error is one line.
        assertErrorLine(run("train", "--master", "local[1]", "--task", "regression", "--data", "csvseq:" + bad.toUri(),
                "--model", "lstm", "--checkpoint-dir", "none", "--output", tmp.resolve("bad-target.zip").toString()),
                "a.csv:2: target 0 is Infinity; targets must be finite");
        assertOneLine(run("train", "--master", "local[1]", "--task", "regression", "--data", spec("forecast-train"),
                "--model", "gru", "--checkpoint-dir", "none", "--output", tmp.resolve("gru-steps.zip").toString()),
                "model gru labels whole sequences; labels per time step train lstm, bilstm");
    }

    private static void assertErrorLine(CliRun.Outcome outcome, String expected) {
        assertErrorLine(outcome, "sparkdp train: error:", expected);
    }

    private static void assertErrorLine(CliRun.Outcome outcome, String prefix, String expected) {
        assertTrue(outcome.code() != 0, "non-zero exit");
        List<String> errors = outcome.err().lines().filter(l -> l.startsWith(prefix)).toList();
        assertEquals(1, errors.size(), outcome.err());
        assertTrue(errors.get(0).contains(expected), outcome.err());
    }

    private static void assertOneLine(CliRun.Outcome outcome, String expected) {
        assertOneLine(outcome, "sparkdp train: error:", expected);
    }

    private static void assertOneLine(CliRun.Outcome outcome, String prefix, String expected) {
        assertErrorLine(outcome, prefix, expected);
        assertFalse(outcome.err().lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")), outcome.err());
    }
}
