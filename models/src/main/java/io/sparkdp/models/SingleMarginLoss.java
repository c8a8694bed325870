package io.sparkdp.models;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What sparkdp's loss functions of one margin ({@link OneVsRestHingeLoss}, {@link ContrastiveLoss}) share: the margin, kept in the configuration's JSON, and a score
 * that is the sum (or mean over examples) of {@link #computeScoreArray}. Subclasses say what a
 * margin means to them and which margins they accept.
 */
public abstract class SingleMarginLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("margin")
    private final double margin;

    protected SingleMarginLoss(double margin) {
        this.margin = margin;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        return ScoreLosses.score(computeScoreArray(labels, preOutput, activation, mask), preOutput, average);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activation,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activation, mask, average),
                computeGradient(labels, preOutput, activation, mask));
    }

    public double margin() {
        return margin;
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Double.compare(margin, ((SingleMarginLoss) other).margin) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), margin);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(margin=" + margin + ")";
    }
}
