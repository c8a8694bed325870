package io.sparkdp.driver.listen;

import io.sparkdp.worker.EvaluationAccumulator;
import org.nd4j.evaluation.classification.ConfusionMatrix;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * What one validation pass measured: DL4J's {@link Evaluation} statistics, precision, recall and
 * F1 macro-averaged over the classes, and the mean loss.
 *
 * @param examples  held-out examples evaluated
 * @param accuracy  fraction classified correctly
 * @param loss      mean loss per example
 * @param precision macro-averaged precision
 * @param recall    macro-averaged recall
 * @param f1        macro-averaged F1
 * @param confusion counts, {@code confusion[actual][predicted]}
 */
public record ValidationMetrics(long examples, double accuracy, double loss, double precision, double recall,
                                double f1, int[][] confusion) {
    public ValidationMetrics {
        confusion = copy(confusion);
    }

    public static ValidationMetrics of(EvaluationAccumulator result) {
        Evaluation evaluation = result.evaluation();
        ConfusionMatrix<Integer> matrix = evaluation.getConfusion();
        int classes = matrix == null ? 0 : matrix.getClasses().size();
        int[][] counts = new int[classes][classes];
        for (int actual = 0; actual < classes; actual++) {
            for (int predicted = 0; predicted < classes; predicted++) {
                counts[actual][predicted] = matrix.getCount(actual, predicted);
            }
        }
        return new ValidationMetrics(result.examples(), evaluation.accuracy(), result.meanLoss(),
                evaluation.precision(), evaluation.recall(), evaluation.f1(), counts);
    }

    @Override
    public int[][] confusion() {
        return copy(confusion);
    }

    /** Equal when every measure and every count is equal (a record compares arrays by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ValidationMetrics that && examples == that.examples
                && Double.compare(accuracy, that.accuracy) == 0 && Double.compare(loss, that.loss) == 0
                && Double.compare(precision, that.precision) == 0 && Double.compare(recall, that.recall) == 0
                && Double.compare(f1, that.f1) == 0 && java.util.Arrays.deepEquals(confusion, that.confusion);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(examples, accuracy, loss, precision, recall, f1, java.util.Arrays.deepHashCode(confusion));
    }

    private static int[][] copy(int[][] matrix) {
        int[][] out = new int[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = matrix[i].clone();
        }
        return out;
    }
}
