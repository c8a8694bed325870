package io.sparkdp.driver;

import io.sparkdp.driver.listen.RoundReport;
import io.sparkdp.driver.listen.TrainingListener;

/** A listener that crashes the driver's loop at one round, as a killed driver would stop there. */
record CrashAt(int epoch, int round) implements TrainingListener {
    @Override
    public void onRound(RoundReport report) {
        if (report.epoch() == epoch && report.round() == round) {
            throw new IllegalStateException("simulated driver crash");
        }
    }
}
