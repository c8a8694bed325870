package io.sparkdp.driver.score;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.util.LongAccumulator;

/**
 * A line every few seconds while a scoring job runs: images scored and bad so far, and the rate.
 * The counts are Spark accumulators, which reach the driver as tasks finish, so the line moves in
 * steps of a partition; the exact totals are the {@link ScoreSummary}'s, counted from the output.
 * (The training display in {@code listen/} is driven by rounds, which scoring does not have.)
 */
final class ScoreProgress implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private ScoreProgress(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ScoreProgress start(LongAccumulator scored, LongAccumulator bad, long everySeconds, Consumer<String> sink) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sparkdp-score-progress");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> sink.accept(line(scored.value(), bad.value(), (System.nanoTime() - start) / 1e9)),
                everySeconds, everySeconds, TimeUnit.SECONDS);
        return new ScoreProgress(timer);
    }

    static String line(long scored, long bad, double seconds) {
        return String.format(Locale.ROOT, "scoring: %d images scored, %d bad, %.0f s, %.1f images/s",
                scored, bad, seconds, seconds > 0 ? (scored + bad) / seconds : 0.0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
