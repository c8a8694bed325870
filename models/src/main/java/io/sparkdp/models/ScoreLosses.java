package io.sparkdp.models;

import java.util.Arrays;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossUtil;

/**
 * What sparkdp's losses over one-hot labels and class scores share ({@link OneVsRestHingeLoss},
 * {@link MarginLoss}): the shape check, the mean or total of the per-example losses, and the
 * chain rule through the output activation with DL4J's masking.
 */
final class ScoreLosses {
    private ScoreLosses() {
    }

    /** Fails unless labels and outputs have the same shape. */
    static void checkShapes(INDArray labels, INDArray preOutput) {
        if (!labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException("labels " + Arrays.toString(labels.shape()) + " and outputs "
                    + Arrays.toString(preOutput.shape()) + " differ in shape");
        }
    }

    /** The total of the per-example losses {@code scoreArray}, or with {@code average} their mean over the minibatch. */
    static double score(INDArray scoreArray, INDArray preOutput, boolean average) {
        double sum = scoreArray.sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    /** The gradient with respect to the pre-activation output, given {@code dLda}, the gradient with respect to the scores. */
    static INDArray backprop(IActivation activation, INDArray preOutput, INDArray dLda, INDArray mask) {
        if (mask != null && LossUtil.isPerOutputMasking(dLda, mask)) {
            LossUtil.applyMask(dLda, mask);
        }
        INDArray gradient = activation.backprop(preOutput.dup(), dLda).getFirst();
        if (mask != null) {
            LossUtil.applyMask(gradient, mask);
        }
        return gradient;
    }
}
