package io.sparkdp.worker;

import java.io.Serializable;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sums behind regression metrics, over the shards of an evaluation pass: per target the
 * summed squared and absolute errors, and the mean and summed squared deviations of the targets
 * (merged by Chan et al.'s parallel update, so R² stays exact for targets far from 0 where
 * {@code sum(y^2) - n mean^2} would cancel); and the summed loss. Zero, add, merge, like every
 * aggregate sparkdp folds; {@link #metrics} turns the sums into {@link RegressionMetrics}.
 */
public final class RegressionAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int targets;
    private final int batchSize;
    private final double[] squaredErrors;
    private final double[] absoluteErrors;
    private final double[] means;
    private final double[] deviations;
    private double lossSum;
    private long examples;

    private RegressionAccumulator(int targets, int batchSize) {
        if (targets < 1 || batchSize < 1) {
            throw new IllegalArgumentException("a regression evaluation needs at least 1 target and batch size; got "
                    + targets + " and " + batchSize);
        }
        this.targets = targets;
        this.batchSize = batchSize;
        this.squaredErrors = new double[targets];
        this.absoluteErrors = new double[targets];
        this.means = new double[targets];
        this.deviations = new double[targets];
    }

    /**
     * The zero of an evaluation of {@code targets} targets.
     *
     * @param batchSize examples per forward pass on an executor
     */
    public static RegressionAccumulator empty(int targets, int batchSize) {
        return new RegressionAccumulator(targets, batchSize);
    }

    public int targets() {
        return targets;
    }

    /** Examples per forward pass on an executor. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Adds a minibatch.
     *
     * @param labels      the true targets, one row per example, one column per target
     * @param predictions the network's output for the same examples
     * @param lossSum     the examples' summed loss, without regularization
     */
    public RegressionAccumulator add(INDArray labels, INDArray predictions, double lossSum) {
        if (labels.rank() != 2 || !labels.equalShapes(predictions) || labels.size(1) != targets) {
            throw new IllegalArgumentException("targets " + Arrays.toString(labels.shape()) + " and predictions "
                    + Arrays.toString(predictions.shape()) + " must both be [examples, " + targets + "]");
        }
        return add(labels.castTo(DataType.DOUBLE).toDoubleMatrix(), predictions.castTo(DataType.DOUBLE).toDoubleMatrix(),
                lossSum);
    }

    /** Adds examples given as rows of targets and predictions. */
    public RegressionAccumulator add(double[][] y, double[][] p, double lossSum) {
        for (int i = 0; i < y.length; i++) {
            examples++;
            for (int t = 0; t < targets; t++) {
                double error = y[i][t] - p[i][t];
                squaredErrors[t] += error * error;
                absoluteErrors[t] += Math.abs(error);
                // Welford's update of the targets' mean and squared deviations.
                double delta = y[i][t] - means[t];
                means[t] += delta / examples;
                deviations[t] += delta * (y[i][t] - means[t]);
            }
        }
        this.lossSum += lossSum;
        return this;
    }

    /** Folds {@code other}, an evaluation of as many targets, into this one. */
    public RegressionAccumulator merge(RegressionAccumulator other) {
        if (other.targets != targets) {
            throw new IllegalArgumentException("cannot merge an evaluation of " + other.targets + " targets into one of " + targets);
        }
        long total = examples + other.examples;
        for (int t = 0; t < targets && total > 0; t++) {
            double delta = other.means[t] - means[t];
            deviations[t] += other.deviations[t] + delta * delta * examples * other.examples / total;
            means[t] += delta * other.examples / total;
            squaredErrors[t] += other.squaredErrors[t];
            absoluteErrors[t] += other.absoluteErrors[t];
        }
        lossSum += other.lossSum;
        examples = total;
        return this;
    }

    public long examples() {
        return examples;
    }

    /**
     * The metrics of everything added; NaN throughout when nothing was.
     *
     * @param penalty the network's regularization score, added to the mean loss as DL4J's score adds it
     */
    public RegressionMetrics metrics(double penalty) {
        double[] mse = new double[targets];
        double[] mae = new double[targets];
        double[] r2 = new double[targets];
        for (int t = 0; t < targets; t++) {
            mse[t] = squaredErrors[t] / examples;
            mae[t] = absoluteErrors[t] / examples;
            r2[t] = examples == 0 ? Double.NaN : deviations[t] > 0 ? 1 - squaredErrors[t] / deviations[t]
                    : squaredErrors[t] == 0 ? 1 : 0;
        }
        double loss = examples == 0 ? Double.NaN : lossSum / examples + penalty;
        double sse = Arrays.stream(squaredErrors).sum();
        double sst = Arrays.stream(deviations).sum();
        double pooled = examples == 0 ? Double.NaN : sst > 0 ? 1 - sse / sst : sse == 0 ? 1 : 0;
        return new RegressionMetrics(examples, loss, mse, mae, r2, pooled);
    }
}
