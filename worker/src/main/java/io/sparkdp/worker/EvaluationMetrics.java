package io.sparkdp.worker;

import java.io.Serializable;

/**
 * What an evaluation measured: {@link ClassificationMetrics} for class labels,
 * {@link RegressionMetrics} for real-valued targets. Both report the examples seen and the mean
 * loss under the network's own loss function, the one measure early stopping may watch in either.
 */
public sealed interface EvaluationMetrics extends Serializable permits ClassificationMetrics, RegressionMetrics, PairMetrics {
    /** Examples evaluated. */
    long examples();

    /** Mean loss per example under the network's loss function, plus its regularization penalty. */
    double loss();

    /** These metrics as classification metrics; fails for regression. */
    default ClassificationMetrics classification() {
        if (this instanceof ClassificationMetrics metrics) {
            return metrics;
        }
        throw new IllegalStateException("a regression or Siamese model's evaluation has no classification metrics");
    }

    /** These metrics as a Siamese network's pair metrics; fails for any other. */
    default PairMetrics pairs() {
        if (this instanceof PairMetrics metrics) {
            return metrics;
        }
        throw new IllegalStateException("only a Siamese model's evaluation has pair metrics");
    }

    /** These metrics as regression metrics; fails for classification. */
    default RegressionMetrics regression() {
        if (this instanceof RegressionMetrics metrics) {
            return metrics;
        }
        throw new IllegalStateException("a classifier's evaluation has no regression metrics");
    }
}
