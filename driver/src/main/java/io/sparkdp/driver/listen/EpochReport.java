package io.sparkdp.driver.listen;

/**
 * One completed epoch.
 *
 * @param epoch              epoch, from 0
 * @param trainLoss          mean training loss over the epoch's rounds, weighted by examples
 * @param validationAccuracy accuracy on the held-out records, NaN when none are held out
 * @param validationLoss     mean loss on the held-out records, NaN when none are held out
 * @param examples           training examples seen in the epoch
 * @param trainSeconds       wall time of the epoch's rounds, validation excluded
 */
public record EpochReport(int epoch, double trainLoss, double validationAccuracy, double validationLoss,
                          long examples, double trainSeconds) {
    /** Training throughput of the epoch. */
    public double samplesPerSecond() {
        return examples / trainSeconds;
    }
}
