package io.sparkdp.models;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * One-vs-rest hinge loss over one-hot labels: each class {@code j} is a binary problem with target
 * {@code t_j = +1} for the labelled class and {@code -1} for the others, and an example costs
 * {@code sum_j max(0, margin - t_j * s_j)} for scores {@code s}. With margin 1 this is the hinge
 * loss of a linear SVM; with margin 0 it is the perceptron criterion, whose subgradient is
 * Rosenblatt's rule: a class's weights move only when the step (sign) of its score is wrong.
 * <p>
 * DL4J's own {@code LossHinge} wants labels of -1 and 1, which the data pipeline does not deliver;
 * this loss reads the pipeline's one-hot labels. It survives the network configuration's JSON.
 */
public final class OneVsRestHingeLoss extends SingleMarginLoss {
    private static final long serialVersionUID = 1L;

    public OneVsRestHingeLoss(@JsonProperty("margin") double margin) {
        super(checked(margin));
    }

    private static double checked(double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("hinge margin must be 0 or more, got " + margin);
        }
        return margin;
    }

    /** {@code margin - t * s} for every example and class. */
    private INDArray slack(INDArray labels, INDArray preOutput, IActivation activation) {
        ScoreLosses.checkShapes(labels, preOutput);
        INDArray signs = labels.castTo(preOutput.dataType()).mul(2).subi(1);
        INDArray scores = activation.getActivation(preOutput.dup(), true);
        return scores.muli(signs).rsubi(margin());
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray losses = Transforms.relu(slack(labels, preOutput, activation), false);
        if (mask != null) {
            LossUtil.applyMask(losses, mask);
        }
        return losses.sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray slack = slack(labels, preOutput, activation);
        // Active where the loss is positive; the perceptron (margin 0) also moves on a score of exactly 0.
        INDArray active = (margin() == 0 ? slack.gte(0) : slack.gt(0)).castTo(preOutput.dataType());
        INDArray signs = labels.castTo(preOutput.dataType()).mul(2).subi(1);
        INDArray dLda = signs.negi().muli(active);
        return ScoreLosses.backprop(activation, preOutput, dLda, mask);
    }
}
