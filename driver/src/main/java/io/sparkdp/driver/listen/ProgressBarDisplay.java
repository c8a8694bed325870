package io.sparkdp.driver.listen;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar per epoch on a terminal, drawn by the {@code me.tongfei:progressbar} library:
 * rounds done and total, elapsed time and ETA (the library's), the current loss and the epoch's
 * samples/s so far. The bar ends, on its own line, with the epoch's last round.
 */
final class ProgressBarDisplay implements RoundProgress {
    private final PrintStream terminal;
    private final EpochTally tally = new EpochTally();
    private ProgressBar bar;
    private EndingConsumer consumer;

    ProgressBarDisplay(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public void onRound(RoundReport report) {
        if (bar == null || report.round() == 0) {
            close();
            consumer = new EndingConsumer(terminal);
            bar = new ProgressBarBuilder()
                    .setTaskName("epoch " + (report.epoch() + 1))
                    .setInitialMax(report.rounds())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(consumer)
                    .build();
        }
        tally.add(report);
        bar.stepTo(report.round() + 1L);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %,.0f samples/s", report.loss(), tally.samplesPerSecond()));
        if (report.lastOfEpoch()) {
            close();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            consumer.end();
            bar = null;
        }
    }

    /**
     * The library's console output, made to end the bar's line every time: a bar closed before
     * the library's first scheduled redraw would otherwise leave its line open.
     */
    private static final class EndingConsumer extends ConsoleProgressBarConsumer {
        private volatile boolean ended;

        EndingConsumer(PrintStream terminal) {
            super(terminal);
        }

        @Override
        public void close() {
            ended = true;
            super.close();
        }

        void end() {
            if (!ended) {
                close();
            }
        }
    }
}
