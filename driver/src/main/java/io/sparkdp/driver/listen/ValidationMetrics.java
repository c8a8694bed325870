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

    private static int[][] copy(int[][] matrix) {
        int[][] out = new int[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = matrix[i].clone();
        }
        return out;
    }
}
