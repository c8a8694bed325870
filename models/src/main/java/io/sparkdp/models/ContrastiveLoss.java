package io.sparkdp.models;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The contrastive loss of Hadsell, Chopra and LeCun (2006) on the distance {@code d} between the
 * two embeddings of a pair: a pair of the same class ({@code y = 1}) costs {@code d^2 / 2}, which
 * pulls its embeddings together; a pair of different classes ({@code y = 0}) costs
 * {@code max(0, margin - d)^2 / 2}, which pushes them apart until they are {@code margin} apart.
 * Its input is one column of distances (DL4J's {@code L2Vertex}) and its labels one column of 1 and
 * 0. It survives the network configuration's JSON.
 */
public final class ContrastiveLoss extends SingleMarginLoss {
    private static final long serialVersionUID = 1L;

    public ContrastiveLoss(@JsonProperty("margin") double margin) {
        super(checked(margin));
    }

    private static double checked(double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("contrastive margin must be a positive number, got " + margin);
        }
        return margin;
    }

    /** The loss of each pair, {@code y d^2 / 2 + (1 - y) max(0, margin - d)^2 / 2}, for distances {@code d} and same-class flags {@code y}. */
    public INDArray pairLosses(INDArray same, INDArray distances) {
        INDArray y = same.castTo(distances.dataType());
        INDArray pull = distances.mul(distances).muli(y);
        INDArray gap = Transforms.relu(distances.rsub(margin()), false);
        INDArray push = gap.muli(gap).muli(y.rsub(1));
        return pull.addi(push).muli(0.5);
    }

    private INDArray distances(INDArray labels, INDArray preOutput, IActivation activation) {
        if (!labels.equalShapes(preOutput) || preOutput.rank() != 2 || preOutput.size(1) != 1) {
            throw new IllegalArgumentException("the contrastive loss reads one column of distances and one of same-class"
                    + " flags; got " + java.util.Arrays.toString(preOutput.shape()) + " and " + java.util.Arrays.toString(labels.shape()));
        }
        return activation.getActivation(preOutput.dup(), true);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray losses = pairLosses(labels, distances(labels, preOutput, activation));
        if (mask != null) {
            LossUtil.applyMask(losses, mask);
        }
        return losses;
    }

    /** {@code dL/dd = y d - (1 - y) max(0, margin - d)}, through the activation. */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray d = distances(labels, preOutput, activation);
        INDArray y = labels.castTo(d.dataType());
        INDArray dLda = d.mul(y).subi(Transforms.relu(d.rsub(margin()), false).muli(y.rsub(1)));
        return ScoreLosses.backprop(activation, preOutput, dLda, mask);
    }
}
