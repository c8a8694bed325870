package io.sparkdp.driver.listen;

import java.time.Duration;

/** Running totals of the current epoch's rounds, for throughput and the time left. */
final class EpochTally {
    private int epoch = -1;
    private long examples;
    private double millis;

    /** Adds a round, starting over when it belongs to a new epoch. */
    void add(RoundReport report) {
        if (report.epoch() != epoch || report.round() == 0) {
            epoch = report.epoch();
            examples = 0;
            millis = 0;
        }
        examples += report.examples();
        millis += report.totalMillis();
    }

    /** Examples per second over the epoch's rounds so far. */
    double samplesPerSecond() {
        return millis == 0 ? 0 : examples / (millis / 1e3);
    }

    /** The epoch's remaining rounds at the mean round time so far. */
    Duration remaining(RoundReport last) {
        int done = last.round() + 1;
        return Duration.ofMillis(Math.round(millis / done * (last.rounds() - done)));
    }

    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
