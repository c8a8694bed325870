package io.sparkdp.driver.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.worker.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Round progress: a bar on a terminal, plain lines every N seconds elsewhere. */
class RoundProgressTest {
    /** A round of 128 examples that took 2 s: 1.5 s computing, 0.5 s aggregating. */
    private static RoundReport round(int epoch, int round, int rounds) {
        return new RoundReport(epoch, round, rounds, 128, 0.5 + 0.01 * round, 1e-3,
                Map.of(Phase.COMPUTE, 1500.0, Phase.AGGREGATE, 500.0));
    }

    @Test
    void withoutATerminalTheConsoleFallsBackToPlainLines() {
        // Surefire's forked JVM has no terminal, like a log file or spark-submit in cluster mode.
        assertEquals(null, System.console(), "this test needs a JVM without a console");
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        try (RoundProgress progress = RoundProgress.forConsole(new PrintStream(terminal, true, StandardCharsets.UTF_8),
                lines::add, 3600)) {
            assertInstanceOf(PlainProgress.class, progress);
            for (int r = 0; r < 5; r++) {
                progress.onRound(round(0, r, 5));
            }
        }
        assertEquals(List.of(lines.get(0)), lines, "one line: the epoch's last round, the interval never passed");
        assertTrue(lines.get(0).startsWith("epoch 1 round 5/5 | loss 0.5400 | 64 samples/s | lr 0.00100 | ETA 0:00:00"), lines.get(0));
        assertEquals(0, terminal.size(), "nothing drawn on the terminal stream");
    }

    @Test
    void plainLinesComeEveryNSecondsAndAtTheEndOfEachEpoch() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        PlainProgress progress = new PlainProgress(lines::add, 10, () -> now[0]);
        for (int r = 0; r < 10; r++) {
            now[0] += 3_000_000_000L;
            progress.onRound(round(0, r, 10));
        }
        assertEquals(3, lines.size(), "at 12 s, 24 s and the epoch's end: " + lines);
        assertTrue(lines.get(0).startsWith("epoch 1 round 4/10 | loss 0.5300 | 64 samples/s | lr 0.00100 | ETA 0:00:12 |"),
                lines.get(0));
        assertTrue(lines.get(0).endsWith("mean ms per round: broadcast 0.0 compute 1500.0 aggregate 500.0 update 0.0"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("epoch 1 round 8/10 |"), lines.get(1));
        assertTrue(lines.get(2).startsWith("epoch 1 round 10/10 |"), lines.get(2));
        assertTrue(lines.get(2).contains("ETA 0:00:00"), lines.get(2));
    }

    @Test
    void onATerminalEachEpochGetsABarWithRoundsLossThroughputAndEta() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        try (RoundProgress progress = RoundProgress.choose(true, new PrintStream(terminal, true, StandardCharsets.UTF_8),
                line -> { throw new AssertionError("no plain lines on a terminal: " + line); }, 10)) {
            assertInstanceOf(ProgressBarDisplay.class, progress);
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int r = 0; r < 4; r++) {
                    progress.onRound(round(epoch, r, 4));
                }
            }
        }
        String drawn = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("\r"), "a bar is redrawn in place");
        for (String expected : new String[]{"epoch 1", "epoch 2", "4/4", "loss 0.5300", "64 samples/s"}) {
            assertTrue(drawn.contains(expected), "'" + expected + "' in: " + drawn);
        }
        String[] finished = drawn.split("\n");
        assertEquals(2, finished.length, "each epoch's bar ends with a newline: " + drawn);
        // rounds done/total, (elapsed / ETA), then the current loss and the epoch's throughput
        assertTrue(finished[0].contains("epoch 1") && finished[0].matches(
                "(?s).*4/4 \\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\) loss 0\\.5300, 64 samples/s$"), finished[0]);
        assertTrue(finished[1].contains("epoch 2") && !finished[1].contains("epoch 1"), finished[1]);
    }

    @Test
    void anIntervalMustBePositive() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PlainProgress(line -> { }, 0, System::nanoTime));
        assertTrue(error.getMessage().contains("positive interval"), error.getMessage());
    }
}
