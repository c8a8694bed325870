package io.sparkdp.driver.listen;

import io.sparkdp.worker.Phase;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Round progress as one plain line at most every N seconds, and at the end of each epoch: for
 * output that is not a terminal, where a redrawn bar would fill the log with carriage returns.
 * The line carries rounds done and total, loss, throughput, learning rate, the epoch's time left
 * and the mean round time per phase since the previous line.
 */
final class PlainProgress implements RoundProgress {
    private static final Phase[] SHOWN = {Phase.BROADCAST, Phase.COMPUTE, Phase.AGGREGATE, Phase.UPDATE};

    private final Consumer<String> log;
    private final long everyNanos;
    private final LongSupplier nanoClock;
    private final EpochTally tally = new EpochTally();
    private final double[] phaseMillis = new double[Phase.values().length];
    private int roundsSinceLine;
    private long lastLine;

    /** @param nanoClock the clock that spaces lines, {@code System::nanoTime} outside tests */
    PlainProgress(Consumer<String> log, double everySeconds, LongSupplier nanoClock) {
        if (!(everySeconds > 0)) {
            throw new IllegalArgumentException("progress lines need a positive interval, got " + everySeconds);
        }
        this.log = log;
        this.everyNanos = (long) (everySeconds * 1e9);
        this.nanoClock = nanoClock;
        this.lastLine = nanoClock.getAsLong();
    }

    @Override
    public void onRound(RoundReport report) {
        tally.add(report);
        for (Phase phase : SHOWN) {
            phaseMillis[phase.ordinal()] += report.millis(phase);
        }
        roundsSinceLine++;
        long now = nanoClock.getAsLong();
        if (now - lastLine >= everyNanos || report.lastOfEpoch()) {
            log.accept(line(report));
            java.util.Arrays.fill(phaseMillis, 0);
            roundsSinceLine = 0;
            lastLine = now;
        }
    }

    private String line(RoundReport report) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "epoch %d round %d/%d | loss %.4f | %,.0f samples/s | lr %.3g | ETA %s | mean ms per round:",
                report.epoch() + 1, report.round() + 1, report.rounds(), report.loss(), tally.samplesPerSecond(),
                report.learningRate(), EpochTally.format(tally.remaining(report))));
        for (Phase phase : SHOWN) {
            line.append(String.format(Locale.ROOT, " %s %.1f", phase.name().toLowerCase(Locale.ROOT),
                    phaseMillis[phase.ordinal()] / roundsSinceLine));
        }
        return line.toString();
    }

    @Override
    public void close() {
        // Every line is complete when it is written: nothing to finish.
    }
}
