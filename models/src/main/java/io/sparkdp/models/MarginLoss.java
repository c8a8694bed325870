package io.sparkdp.models;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The margin loss of capsule networks (Sabour, Frosst and Hinton 2017, eq. 4) over one-hot labels
 * and class scores {@code v} (the lengths of the class capsules): an example costs
 * {@code sum_k T_k max(0, m+ - v_k)^2 + lambda (1 - T_k) max(0, v_k - m-)^2}, so the labelled
 * class's capsule is pushed longer than {@code m+} and the others shorter than {@code m-}, the
 * absent classes' term weighted down by {@code lambda}. The paper's values are m+ = 0.9,
 * m- = 0.1, lambda = 0.5 ({@link #sabour()}).
 * <p>
 * Softmax cross-entropy over capsule lengths barely trains: lengths lie in [0, 1), so the softmax
 * stays near uniform and the loss near ln(classes). It survives the network configuration's JSON.
 */
public final class MarginLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("positiveMargin")
    private final double positiveMargin;
    @JsonProperty("negativeMargin")
    private final double negativeMargin;
    @JsonProperty("absentWeight")
    private final double absentWeight;

    /**
     * @param positiveMargin {@code m+}: the length the labelled class's score should exceed
     * @param negativeMargin {@code m-}: the length the other classes' scores should stay under, at most {@code m+}
     * @param absentWeight   {@code lambda}: the weight of the other classes' term, at least 0
     */
    public MarginLoss(@JsonProperty("positiveMargin") double positiveMargin,
                      @JsonProperty("negativeMargin") double negativeMargin,
                      @JsonProperty("absentWeight") double absentWeight) {
        if (!Double.isFinite(positiveMargin) || !Double.isFinite(negativeMargin) || negativeMargin > positiveMargin) {
            throw new IllegalArgumentException("margins must be finite with m- <= m+, got m+ = " + positiveMargin
                    + ", m- = " + negativeMargin);
        }
        if (!(absentWeight >= 0) || Double.isInfinite(absentWeight)) {
            throw new IllegalArgumentException("the weight of absent classes must be 0 or more, got " + absentWeight);
        }
        this.positiveMargin = positiveMargin;
        this.negativeMargin = negativeMargin;
        this.absentWeight = absentWeight;
    }

    /** The paper's loss: m+ = 0.9, m- = 0.1, lambda = 0.5. */
    public static MarginLoss sabour() {
        return new MarginLoss(0.9, 0.1, 0.5);
    }

    /** How far each score falls short of its margin (0 where it does not). */
    private Shortfalls shortfalls(INDArray labels, INDArray preOutput, IActivation activation) {
        ScoreLosses.checkShapes(labels, preOutput);
        INDArray present = labels.castTo(preOutput.dataType());
        INDArray absent = present.rsub(1);
        INDArray scores = activation.getActivation(preOutput.dup(), true);
        INDArray below = Transforms.relu(scores.rsub(positiveMargin), false).muli(present);
        INDArray above = Transforms.relu(scores.sub(negativeMargin), false).muli(absent);
        return new Shortfalls(below, above);
    }

    /** How far each score falls short of its margin: the labelled class's below m+, the others' above m-. */
    private record Shortfalls(INDArray below, INDArray above) {
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        Shortfalls s = shortfalls(labels, preOutput, activation);
        INDArray losses = s.below().mul(s.below()).addi(s.above().mul(s.above()).muli(absentWeight));
        if (mask != null) {
            LossUtil.applyMask(losses, mask);
        }
        return losses.sum(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        return ScoreLosses.score(computeScoreArray(labels, preOutput, activation, mask), preOutput, average);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        Shortfalls s = shortfalls(labels, preOutput, activation);
        INDArray dLda = s.above().muli(2 * absentWeight).subi(s.below().muli(2));
        return ScoreLosses.backprop(activation, preOutput, dLda, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activation,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activation, mask, average),
                computeGradient(labels, preOutput, activation, mask));
    }

    public double positiveMargin() {
        return positiveMargin;
    }

    public double negativeMargin() {
        return negativeMargin;
    }

    public double absentWeight() {
        return absentWeight;
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MarginLoss that && Double.compare(positiveMargin, that.positiveMargin) == 0
                && Double.compare(negativeMargin, that.negativeMargin) == 0
                && Double.compare(absentWeight, that.absentWeight) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(positiveMargin, negativeMargin, absentWeight);
    }

    @Override
    public String toString() {
        return "MarginLoss(m+=" + positiveMargin + ", m-=" + negativeMargin + ", lambda=" + absentWeight + ")";
    }
}
