package io.sparkdp.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkdp report} on the command line: a page where the metrics are good, one clear line where they are not. */
class ReportCommandTest {
    private static final String HEADER = "{\"type\":\"run\",\"time\":\"2026-11-22T07:00:00Z\",\"config\":{\"model\":\"mlp\",\"data\":\"idx:x\"},\"provenance\":{}}";
    private static final String ROUND = "{\"type\":\"round\",\"time\":\"2026-11-22T07:00:01Z\",\"epoch\":1,\"round\":1,\"rounds\":1,\"examples\":8,"
            + "\"loss\":2.3,\"lr\":0.001,\"samples_per_s\":80,\"ms\":{\"broadcast\":1,\"compute\":50,\"aggregate\":40,\"update\":9,\"total\":100}}";

    @TempDir
    Path dir;

    /** Exit code and stderr of one invocation. */
    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return new Outcome(SparkdpMain.run(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    private static void assertOneLine(Outcome outcome, String expected) {
        assertEquals(1, outcome.code(), outcome.err());
        assertEquals(1, outcome.err().strip().lines().count(), "one line: " + outcome.err());
        assertTrue(outcome.err().startsWith("sparkdp report: error: " + expected), outcome.err());
    }

    @Test
    void writesTheReportIntoTheRunDirectoryByDefault() throws Exception {
        Path run = Files.createDirectories(dir.resolve("m.run"));
        Files.writeString(run.resolve("metrics.jsonl"), HEADER + "\n" + ROUND + "\n");
        assertEquals(0, run("report", "--run", run.toString()).code());
        String page = Files.readString(run.resolve("report.html"));
        assertTrue(page.contains("<title>sparkdp run: mlp on idx:x</title>"), "title");
        assertTrue(page.contains("\"loss\":[2.3]"), "the round's loss is in the page's data");
        assertTrue(page.contains("echarts"), "the chart library is inlined");
        try (var files = Files.list(run)) {
            assertEquals(2, files.count(), "no temporary or checksum file left behind");
        }
    }

    @Test
    void aDirectoryWithoutMetricsIsOneClearLine() {
        assertOneLine(run("report", "--run", dir.toString()), "no metrics.jsonl in " + dir);
    }

    @Test
    void aCorruptMetricsFileIsOneClearLine() throws Exception {
        Files.writeString(dir.resolve("metrics.jsonl"), HEADER + "\n{\"type\":\"round\",\"epoch\":1,\"round\"\n" + ROUND + "\n");
        assertOneLine(run("report", "--run", dir.toString()), "");
        assertTrue(run("report", "--run", dir.toString()).err().contains("metrics.jsonl line 2 is not a JSON object"));
        Files.writeString(dir.resolve("metrics.jsonl"), ROUND + "\n");
        assertTrue(run("report", "--run", dir.toString()).err().contains("does not start with a \"run\" line"));
    }

    @Test
    void anOutputThatIsADirectoryIsRefused() throws Exception {
        Files.writeString(dir.resolve("metrics.jsonl"), HEADER + "\n");
        assertOneLine(run("report", "--run", dir.toString(), "--output", dir.toString()),
                "report output " + dir + " is a directory");
    }
}
