package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

class ScoreProgressTest {
    @Test
    void showsTheCountsSoFarUntilClosed() throws InterruptedException {
        LongAccumulator scored = new LongAccumulator();
        LongAccumulator bad = new LongAccumulator();
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ScoreProgress progress = ScoreProgress.start(scored, bad, 1, lines::add)) {
            scored.add(7);
            bad.add(2);
            Thread.sleep(1500);
        }
        int shown = lines.size();
        assertTrue(shown >= 1, "a line within the first interval: " + lines);
        assertTrue(lines.get(0).startsWith("scoring: 7 images scored, 2 bad, 1 s, "), lines.get(0));
        Thread.sleep(1200);
        assertEquals(shown, lines.size(), "no line after close");
    }

    @Test
    void onATerminalItDrawsABarWithTheCountsAndBadImages() throws InterruptedException {
        LongAccumulator scored = new LongAccumulator();
        LongAccumulator bad = new LongAccumulator();
        java.io.ByteArrayOutputStream terminal = new java.io.ByteArrayOutputStream();
        try (ScoreProgress progress = ScoreProgress.startBar(scored, bad,
                new java.io.PrintStream(terminal, true, java.nio.charset.StandardCharsets.UTF_8))) {
            scored.add(40);
            bad.add(2);
            Thread.sleep(800);
        }
        String drawn = terminal.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(drawn.contains("\r") && drawn.contains("scoring"), drawn);
        assertTrue(drawn.contains("42") && drawn.contains("2 bad"), drawn);
    }

    @Test
    void summaryLine() {
        ScoreSummary summary = new ScoreSummary(1000, 3, 4.0);
        assertEquals(250.0, summary.imagesPerSecond());
        assertEquals("scored 1000 images (3 bad) in 4.0 s: 250.0 images/s", summary.line());
    }
}
