package io.sparkdp.driver.listen;

import io.sparkdp.worker.ClassificationMetrics;
import java.util.Optional;

/**
 * One completed epoch.
 *
 * @param epoch        epoch, from 0
 * @param trainLoss    mean training loss over the epoch's rounds, weighted by examples
 * @param examples     training examples seen in the epoch
 * @param trainSeconds wall time of the epoch's rounds, validation excluded
 * @param validation   what validation measured after the epoch; empty when nothing is held out
 */
public record EpochReport(int epoch, double trainLoss, long examples, double trainSeconds,
                          Optional<ClassificationMetrics> validation) {
    /** Training throughput of the epoch. */
    public double samplesPerSecond() {
        return examples / trainSeconds;
    }

    /** Accuracy on the held-out records, NaN when none are held out. */
    public double validationAccuracy() {
        return validation.map(ClassificationMetrics::accuracy).orElse(Double.NaN);
    }

    /** Mean loss on the held-out records, NaN when none are held out. */
    public double validationLoss() {
        return validation.map(ClassificationMetrics::loss).orElse(Double.NaN);
    }
}
