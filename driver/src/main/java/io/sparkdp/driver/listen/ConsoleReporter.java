package io.sparkdp.driver.listen;

import io.sparkdp.worker.Phase;
import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints one line per epoch to the console and logs round progress with the round-time
 * breakdown at most every {@code logEverySeconds}.
 */
public final class ConsoleReporter implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleReporter.class);

    private final PrintStream out;
    private final long logEveryNanos;
    private long lastLog = System.nanoTime();
    private final double[] phaseMillis = new double[Phase.values().length];
    private int roundsSinceLog;

    public ConsoleReporter(PrintStream out, double logEverySeconds) {
        this.out = out;
        this.logEveryNanos = (long) (logEverySeconds * 1e9);
    }

    @Override
    public void onRound(RoundReport report) {
        report.millis().forEach((phase, ms) -> phaseMillis[phase.ordinal()] += ms);
        roundsSinceLog++;
        long now = System.nanoTime();
        if (now - lastLog >= logEveryNanos || report.round() == report.rounds() - 1) {
            LOG.info(String.format(Locale.ROOT,
                    "epoch %d round %d/%d loss %.4f | mean ms per round: broadcast %.1f compute %.1f aggregate %.1f update %.1f",
                    report.epoch() + 1, report.round() + 1, report.rounds(), report.loss(),
                    mean(Phase.BROADCAST), mean(Phase.COMPUTE), mean(Phase.AGGREGATE), mean(Phase.UPDATE)));
            java.util.Arrays.fill(phaseMillis, 0);
            roundsSinceLog = 0;
            lastLog = now;
        }
    }

    @Override
    public void onEpoch(EpochReport report) {
        out.printf(Locale.ROOT, "epoch %d: train loss %.4f, validation accuracy %s, %.0f samples/s (%d examples in %.1f s)%n",
                report.epoch() + 1, report.trainLoss(),
                Double.isNaN(report.validationAccuracy()) ? "n/a" : String.format(Locale.ROOT, "%.4f", report.validationAccuracy()),
                report.samplesPerSecond(), report.examples(), report.trainSeconds());
        out.flush();
    }

    private double mean(Phase phase) {
        return roundsSinceLog == 0 ? 0 : phaseMillis[phase.ordinal()] / roundsSinceLog;
    }
}
