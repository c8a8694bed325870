package io.sparkdp.worker;

import java.io.Serializable;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Classification statistics over the shards of an evaluation pass: DL4J's {@link Evaluation}
 * (accuracy, precision, recall, F1, confusion matrix) plus the summed loss. Zero, add, merge,
 * like every aggregate sparkdp folds.
 */
public final class EvaluationAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Evaluation evaluation;
    private double lossSum;
    private long examples;

    private EvaluationAccumulator(int numClasses) {
        this.evaluation = new Evaluation(numClasses);
    }

    /** The zero for a classifier of {@code numClasses} classes. */
    public static EvaluationAccumulator empty(int numClasses) {
        return new EvaluationAccumulator(numClasses);
    }

    /** Adds a minibatch: its labels and predictions, fed to {@link Evaluation#eval}, and its loss sum. */
    public EvaluationAccumulator add(org.nd4j.linalg.api.ndarray.INDArray labels,
                                     org.nd4j.linalg.api.ndarray.INDArray predictions, double lossSum) {
        evaluation.eval(labels, predictions);
        this.lossSum += lossSum;
        this.examples += labels.size(0);
        return this;
    }

    public EvaluationAccumulator merge(EvaluationAccumulator other) {
        evaluation.merge(other.evaluation);
        lossSum += other.lossSum;
        examples += other.examples;
        return this;
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    public long examples() {
        return examples;
    }

    /** Mean loss per example, NaN when nothing was added. */
    public double meanLoss() {
        return examples == 0 ? Double.NaN : lossSum / examples;
    }
}
