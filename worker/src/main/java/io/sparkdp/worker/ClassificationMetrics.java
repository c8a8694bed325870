package io.sparkdp.worker;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an evaluation measured on labelled examples, computed from an {@link EvaluationAccumulator}'s
 * sums. Per-class precision, recall and F1 derive from the confusion matrix; a ratio whose
 * denominator is 0 (a class never predicted, or absent from the data) counts as 0, and the macro
 * averages are over every class, as scikit-learn and Keras count. DL4J's {@code Evaluation} instead
 * leaves such classes out of its macro averages, and for two classes reports class 1's F1.
 *
 * @param examples     examples evaluated
 * @param accuracy     fraction whose predicted class (the argmax) is the true one
 * @param loss         mean loss per example under the network's own loss function, plus its
 *                     regularization penalty, as DL4J's {@code score} measures it
 * @param precision    macro-averaged precision
 * @param recall       macro-averaged recall
 * @param f1           macro-averaged F1
 * @param confusion    counts, {@code confusion[actual][predicted]}
 * @param topK         the k of {@code topKAccuracy}
 * @param topKAccuracy fraction whose true class is among the k highest outputs
 * @param logLoss      mean cross-entropy of the predicted probabilities; NaN when the output is
 *                     not a softmax
 * @param sequences    sequences evaluated, for labels per time step (then {@code examples} counts
 *                     real steps); 0 otherwise
 * @param sequenceAccuracy fraction of those sequences whose every real step is predicted right
 *                     (exact-sequence accuracy); NaN without sequences
 */
public record ClassificationMetrics(long examples, double accuracy, double loss, double precision, double recall,
                                    double f1, long[][] confusion, int topK, double topKAccuracy, double logLoss,
                                    long sequences, double sequenceAccuracy)
        implements EvaluationMetrics {
    public ClassificationMetrics {
        confusion = copy(confusion);
    }

    /** Metrics of examples that are not sequences labelled per step. */
    public ClassificationMetrics(long examples, double accuracy, double loss, double precision, double recall,
                                 double f1, long[][] confusion, int topK, double topKAccuracy, double logLoss) {
        this(examples, accuracy, loss, precision, recall, f1, confusion, topK, topKAccuracy, logLoss, 0, Double.NaN);
    }

    /** These metrics with the count of sequences labelled per step and their exact-sequence accuracy. */
    ClassificationMetrics withSequences(long sequences, double sequenceAccuracy) {
        return new ClassificationMetrics(examples, accuracy, loss, precision, recall, f1, confusion, topK, topKAccuracy,
                logLoss, sequences, sequenceAccuracy);
    }

    /** The metrics of a confusion matrix, the top-k hits and the mean losses. */
    static ClassificationMetrics of(long[][] confusion, int topK, long topKHits, double loss, double logLoss) {
        ClassificationMetrics counts = new ClassificationMetrics(0, 0, loss, 0, 0, 0, confusion, topK, 0, logLoss);
        long examples = 0;
        long correct = 0;
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (int c = 0; c < counts.classes(); c++) {
            examples += counts.support(c);
            correct += confusion[c][c];
            precision += counts.precision(c);
            recall += counts.recall(c);
            f1 += counts.f1(c);
        }
        int classes = counts.classes();
        double accuracy = examples == 0 ? Double.NaN : (double) correct / examples;
        double topKAccuracy = examples == 0 ? Double.NaN : (double) topKHits / examples;
        return new ClassificationMetrics(examples, accuracy, loss, precision / classes, recall / classes, f1 / classes,
                confusion, topK, topKAccuracy, logLoss);
    }

    /** Number of classes. */
    public int classes() {
        return confusion.length;
    }

    /** Examples of class {@code c}. */
    public long support(int c) {
        return Arrays.stream(confusion[c]).sum();
    }

    /** Examples predicted as class {@code c}. */
    public long predicted(int c) {
        long sum = 0;
        for (long[] row : confusion) {
            sum += row[c];
        }
        return sum;
    }

    /** Of the examples predicted as {@code c}, the fraction that are; 0 when none is. */
    public double precision(int c) {
        return ratio(confusion[c][c], predicted(c));
    }

    /** Of the examples of class {@code c}, the fraction predicted as {@code c}; 0 when there are none. */
    public double recall(int c) {
        return ratio(confusion[c][c], support(c));
    }

    /** The harmonic mean of class {@code c}'s precision and recall; 0 when both are 0. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public long[][] confusion() {
        return copy(confusion);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    private static long[][] copy(long[][] matrix) {
        long[][] out = new long[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = matrix[i].clone();
        }
        return out;
    }

    /** Equal when every measure and every count is equal (a record compares arrays by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClassificationMetrics that && examples == that.examples && topK == that.topK
                && Double.compare(accuracy, that.accuracy) == 0 && Double.compare(loss, that.loss) == 0
                && Double.compare(precision, that.precision) == 0 && Double.compare(recall, that.recall) == 0
                && Double.compare(f1, that.f1) == 0 && Double.compare(topKAccuracy, that.topKAccuracy) == 0
                && Double.compare(logLoss, that.logLoss) == 0 && Arrays.deepEquals(confusion, that.confusion)
                && sequences == that.sequences && Double.compare(sequenceAccuracy, that.sequenceAccuracy) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(examples, accuracy, loss, precision, recall, f1, topK, topKAccuracy, logLoss,
                Arrays.deepHashCode(confusion), sequences, sequenceAccuracy);
    }
}
