package io.sparkdp.models;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Gradient clipping against exploding gradients, on the mean gradient of a minibatch before the
 * optimizer sees it (and before L1/L2, which DL4J's updater adds afterwards):
 * <ul>
 *   <li>by global norm ({@code maxNorm > 0}): if the L2 norm of the whole gradient, all layers
 *       together, exceeds {@code maxNorm}, the gradient is scaled down to that norm (Pascanu et al.
 *       2013; PyTorch's {@code clip_grad_norm_}). DL4J's own {@code GradientNormalization} only
 *       clips per layer;</li>
 *   <li>by value ({@code maxValue > 0}): every component is clamped to {@code [-maxValue, maxValue]}.</li>
 * </ul>
 * DL4J holds the gradient as the sum over the minibatch until its updater divides by the batch
 * size, so {@link #clipSum} works on that sum and the example count.
 *
 * @param maxNorm  largest global L2 norm of the mean gradient; 0 for no norm clipping
 * @param maxValue largest absolute value of a mean-gradient component; 0 for no value clipping
 */
public record GradientClipping(double maxNorm, double maxValue) implements Serializable {
    public GradientClipping {
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm) || !(maxValue >= 0) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("--clip-norm and --clip-value must be 0 (off) or positive, got "
                    + maxNorm + " and " + maxValue);
        }
        if (maxNorm > 0 && maxValue > 0) {
            throw new IllegalArgumentException("choose one of --clip-norm and --clip-value, not both");
        }
    }

    public static GradientClipping none() {
        return new GradientClipping(0, 0);
    }

    public boolean isNone() {
        return maxNorm == 0 && maxValue == 0;
    }

    /**
     * Clips, in place, the sum {@code gradientSum} of the gradients of {@code examples} examples so
     * that their mean meets the bounds.
     */
    public void clipSum(INDArray gradientSum, long examples) {
        if (maxValue > 0) {
            double bound = maxValue * examples;
            BooleanIndexing.replaceWhere(gradientSum, bound, Conditions.greaterThan(bound));
            BooleanIndexing.replaceWhere(gradientSum, -bound, Conditions.lessThan(-bound));
        }
        if (maxNorm > 0) {
            double norm = gradientSum.norm2Number().doubleValue() / examples;
            if (norm > maxNorm) {
                gradientSum.muli(maxNorm / norm);
            }
        }
    }

    /**
     * A listener that clips every gradient a network computes in its own {@code fit}, between
     * backpropagation and the optimizer: how local steps clip.
     */
    public TrainingListener listener() {
        return new Clipper(this);
    }

    private static final class Clipper extends BaseTrainingListener implements Serializable {
        private final GradientClipping clipping;

        Clipper(GradientClipping clipping) {
            this.clipping = clipping;
        }

        @Override
        public void onGradientCalculation(Model model) {
            INDArray gradient = model instanceof ComputationGraph graph ? graph.getGradientsViewArray()
                    : ((MultiLayerNetwork) model).getGradientsViewArray();
            clipping.clipSum(gradient, model.batchSize());
        }
    }
}
