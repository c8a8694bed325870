package io.sparkdp.driver.score;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.util.LongAccumulator;

/**
 * Progress while a scoring job runs: on a terminal a progress bar (the {@code me.tongfei:progressbar}
 * library, as training uses) with images done, elapsed time, rate and bad images; elsewhere a line
 * every few seconds with images scored and bad so far, and the rate.
 * The counts are Spark accumulators, which reach the driver as tasks finish, so the line moves in
 * steps of a partition; the exact totals are the {@link ScoreSummary}'s, from the tasks that succeeded.
 * (The training display in {@code listen/} is driven by rounds, which scoring does not have.)
 */
class ScoreProgress implements AutoCloseable {
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

    /** A progress bar on {@code terminal}, redrawn from the counts four times a second; the total is not known ahead. */
    static ScoreProgress startBar(LongAccumulator scored, LongAccumulator bad, java.io.PrintStream terminal) {
        me.tongfei.progressbar.ProgressBar bar = new me.tongfei.progressbar.ProgressBarBuilder().setTaskName("scoring")
                .setInitialMax(-1).setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).setUnit(" images", 1)
                .showSpeed().setUpdateIntervalMillis(250)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(terminal)).build();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sparkdp-score-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            bar.stepTo(scored.value() + bad.value());
            bar.setExtraMessage(bad.value() + " bad");
        }, 0, 250, TimeUnit.MILLISECONDS);
        return new ScoreProgress(timer) {
            @Override
            public void close() {
                super.close();
                bar.stepTo(scored.value() + bad.value());
                bar.close();
            }
        };
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
