package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkdp bench} runs every trainer through the launcher and ends with its summary line.
 * Speed is the bench's business, not a test's: this checks only that it measured something.
 */
class BenchIT {
    private static final Pattern SUMMARY = Pattern.compile(
            "bench: avg_vs_single=(\\d+\\.\\d+) avg_vs_dl4j=(\\d+\\.\\d) sync_vs_single=(\\d+\\.\\d+) acc_gap=(-?\\d+\\.\\d+)");

    @TempDir
    Path dir;

    @Test
    void benchMeasuresEveryTrainerAndPrintsTheSummaryLast() throws Exception {
        SparkdpProcess.Result bench = SparkdpProcess.run(dir, 10, "bench", "--master", "local[2]", "--limit", "2000",
                "--epochs", "1", "--batch-size", "64", "--average-every", "2,4");
        assertEquals(0, bench.code(), bench.toString());
        for (String trainer : new String[]{"single-process DL4J", "DL4J ParameterAveraging, K = 4, defaults",
                "DL4J ParameterAveraging, K = 4, tuned", "sparkdp sync", "sparkdp average, K = 2", "sparkdp average, K = 4"}) {
            assertTrue(bench.out().contains(trainer), "row for " + trainer + ":\n" + bench.out());
        }
        Matcher summary = SUMMARY.matcher(bench.lastLine());
        assertTrue(summary.matches(), "summary line: " + bench.lastLine());
        for (int group = 1; group <= 3; group++) {
            assertTrue(Double.parseDouble(summary.group(group)) > 0, "a measured ratio: " + bench.lastLine());
        }
        assertTrue(Math.abs(Double.parseDouble(summary.group(4))) < 0.5, "accuracies are comparable: " + bench.lastLine());
    }
}
