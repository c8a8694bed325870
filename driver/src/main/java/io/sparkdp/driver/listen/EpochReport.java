package io.sparkdp.driver.listen;

import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationMetrics;
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
                          Optional<EvaluationMetrics> validation) {
    /** Training throughput of the epoch. */
    public double samplesPerSecond() {
        return examples / trainSeconds;
    }

    /** Accuracy on the held-out records, NaN when none are held out or the model is a regression model. */
    public double validationAccuracy() {
        return validation.filter(ClassificationMetrics.class::isInstance).map(v -> v.classification().accuracy())
                .orElse(Double.NaN);
    }

    /** Mean loss on the held-out records, NaN when none are held out. */
    public double validationLoss() {
        return validation.map(EvaluationMetrics::loss).orElse(Double.NaN);
    }
}
