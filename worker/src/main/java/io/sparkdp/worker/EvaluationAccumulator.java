package io.sparkdp.worker;

import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sums behind classification metrics, over the shards of an evaluation pass: the confusion
 * matrix, top-k hits, the summed log loss and the summed loss. Zero, add, merge, like every
 * aggregate sparkdp folds; {@link #metrics} turns the sums into {@link ClassificationMetrics}.
 * <p>
 * The class of an example is the argmax of its label row, its prediction the argmax of its output
 * row (the first on a tie). It is a top-k hit when fewer than k classes score strictly higher
 * than its true class, as DL4J's {@code Evaluation} counts. Its log loss is
 * {@code -sum_j y_j ln(clip(p_j))}, with {@code p} clipped to {@code [eps, 1 - eps]} for
 * {@code eps} = {@value #LOG_LOSS_EPSILON}, exactly as DL4J's cross-entropy clips a softmax.
 */
public final class EvaluationAccumulator implements Serializable {
    private static final long serialVersionUID = 3L;
    /** Where probabilities are clipped before the logarithm: DL4J's default for MCXENT on a softmax. */
    public static final double LOG_LOSS_EPSILON = 1e-10;

    private final EvaluationPlan plan;
    private final long[] confusion;
    private long topKHits;
    private double logLossSum;
    private double lossSum;
    private long examples;
    private long sequences;
    private long exactSequences;

    private EvaluationAccumulator(EvaluationPlan plan) {
        this.plan = plan;
        this.confusion = new long[plan.classes() * plan.classes()];
    }

    /** The zero of an evaluation by {@code plan}. */
    public static EvaluationAccumulator empty(EvaluationPlan plan) {
        return new EvaluationAccumulator(plan);
    }

    public EvaluationPlan plan() {
        return plan;
    }

    /**
     * Adds a minibatch whose loss was measured apart from its output.
     *
     * @param labels      one row per example, one column per class
     * @param predictions the network's output for the same examples
     * @param lossSum     the examples' summed loss, without regularization
     */
    public EvaluationAccumulator add(INDArray labels, INDArray predictions, double lossSum) {
        count(labels, predictions);
        this.lossSum += lossSum;
        return this;
    }

    /** Adds a minibatch whose loss per example is its log loss; only for a plan whose loss is the log loss. */
    public EvaluationAccumulator addScoredByLogLoss(INDArray labels, INDArray predictions) {
        if (!plan.lossIsLogLoss()) {
            throw new IllegalStateException("this network's loss is not the log loss of its output; score it with add");
        }
        this.lossSum += count(labels, predictions);
        return this;
    }

    /**
     * Counts the sequences of a minibatch labelled per time step, and those whose every real step
     * is predicted right (the argmax of the output is the label's class): exact-sequence accuracy.
     *
     * @param labels      {@code [examples, classes, steps]}
     * @param predictions the network's output of the same shape
     * @param mask        {@code [examples, steps]}, 1 at real steps; null when every step is real
     */
    public EvaluationAccumulator addSequences(INDArray labels, INDArray predictions, INDArray mask) {
        if (labels.rank() != 3 || !labels.equalShapes(predictions)) {
            throw new IllegalArgumentException("labels " + java.util.Arrays.toString(labels.shape()) + " and predictions "
                    + java.util.Arrays.toString(predictions.shape()) + " must both be [examples, classes, steps]");
        }
        long[][] actual = org.nd4j.linalg.factory.Nd4j.argMax(labels, 1).castTo(DataType.LONG).toLongMatrix();
        long[][] predicted = org.nd4j.linalg.factory.Nd4j.argMax(predictions, 1).castTo(DataType.LONG).toLongMatrix();
        double[][] real = mask == null ? null : mask.castTo(DataType.DOUBLE).reshape(actual.length, -1).toDoubleMatrix();
        for (int i = 0; i < actual.length; i++) {
            boolean right = true;
            for (int t = 0; t < actual[i].length && right; t++) {
                right = real != null && real[i][t] == 0 || actual[i][t] == predicted[i][t];
            }
            exactSequences += right ? 1 : 0;
        }
        sequences += actual.length;
        return this;
    }

    /** Counts a minibatch and returns its summed log loss (0 unless the output holds probabilities). */
    private double count(INDArray labels, INDArray predictions) {
        int classes = plan.classes();
        if (labels.rank() != 2 || !labels.equalShapes(predictions) || labels.size(1) != classes) {
            throw new IllegalArgumentException("labels " + java.util.Arrays.toString(labels.shape()) + " and predictions "
                    + java.util.Arrays.toString(predictions.shape()) + " must both be [examples, " + classes + "]");
        }
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] p = predictions.castTo(DataType.DOUBLE).toDoubleMatrix();
        double batchLogLoss = 0;
        for (int i = 0; i < y.length; i++) {
            int actual = argmax(y[i]);
            confusion[actual * classes + argmax(p[i])]++;
            if (higherThan(p[i], p[i][actual]) < plan.topK()) {
                topKHits++;
            }
            if (plan.probabilities()) {
                batchLogLoss += logLoss(y[i], p[i]);
            }
        }
        examples += y.length;
        logLossSum += batchLogLoss;
        return batchLogLoss;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static int higherThan(double[] row, double value) {
        int higher = 0;
        for (double v : row) {
            if (v > value) {
                higher++;
            }
        }
        return higher;
    }

    private static double logLoss(double[] labels, double[] probabilities) {
        double loss = 0;
        for (int c = 0; c < labels.length; c++) {
            if (labels[c] != 0) {
                double p = Math.min(Math.max(probabilities[c], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
                loss -= labels[c] * Math.log(p);
            }
        }
        return loss;
    }

    /** Folds {@code other}, an evaluation by the same plan, into this one. */
    public EvaluationAccumulator merge(EvaluationAccumulator other) {
        if (!plan.equals(other.plan)) {
            throw new IllegalArgumentException("cannot merge an evaluation by " + other.plan + " into one by " + plan);
        }
        for (int i = 0; i < confusion.length; i++) {
            confusion[i] += other.confusion[i];
        }
        topKHits += other.topKHits;
        logLossSum += other.logLossSum;
        lossSum += other.lossSum;
        examples += other.examples;
        sequences += other.sequences;
        exactSequences += other.exactSequences;
        return this;
    }

    public long examples() {
        return examples;
    }

    /**
     * The metrics of everything added.
     *
     * @param penalty the network's regularization score, added to the mean loss as DL4J's score adds it
     */
    public ClassificationMetrics metrics(double penalty) {
        int classes = plan.classes();
        long[][] matrix = new long[classes][];
        for (int actual = 0; actual < classes; actual++) {
            matrix[actual] = java.util.Arrays.copyOfRange(confusion, actual * classes, (actual + 1) * classes);
        }
        double loss = examples == 0 ? Double.NaN : lossSum / examples + penalty;
        double logLoss = examples == 0 || !plan.probabilities() ? Double.NaN : logLossSum / examples;
        return ClassificationMetrics.of(matrix, plan.topK(), topKHits, loss, logLoss)
                .withSequences(sequences, sequences == 0 ? Double.NaN : (double) exactSequences / sequences);
    }
}
