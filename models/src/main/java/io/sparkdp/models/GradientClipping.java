package io.sparkdp.models;

import io.sparkdp.models.network.Network;
import java.io.Serializable;
import java.util.List;
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
 * size, so {@link #clipSum} works on that sum and the example count. Entries of the gradient
 * vector that are no gradient but a layer's new running statistics (batch normalisation's mean
 * and variance, {@link Network#stateEntries()}) are exempt: they neither count towards the norm
 * nor get scaled or clamped, so clipping never distorts what a layer measured.
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
        clipSum(gradientSum, examples, List.of());
    }

    /**
     * {@link #clipSum(INDArray, long)}, leaving the entries {@code exempt} (views into
     * {@code gradientSum}) out of the norm and untouched.
     */
    public void clipSum(INDArray gradientSum, long examples, List<INDArray> exempt) {
        if (isNone()) {
            return;
        }
        List<INDArray> kept = exempt.stream().map(INDArray::dup).toList();
        exempt.forEach(entry -> entry.assign(0));
        clip(gradientSum, examples);
        for (int i = 0; i < kept.size(); i++) {
            exempt.get(i).assign(kept.get(i));
        }
    }

    /** Clips every entry of the sum of {@code examples} gradients. */
    private void clip(INDArray gradientSum, long examples) {
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
     * Clips the summed gradient in {@code network}'s gradient view, computed on {@code examples}
     * examples, leaving its {@link Network#stateEntries()} as they are.
     */
    public void clip(Network network, long examples) {
        clipSum(network.gradientView(), examples, network.stateEntries());
    }

    /**
     * A listener that clips every gradient a network computes in its own {@code fit}, between
     * backpropagation and the optimizer, running statistics exempt: how local steps clip.
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
            Network network = model instanceof ComputationGraph graph ? Network.of(graph) : Network.of((MultiLayerNetwork) model);
            clipping.clip(network, model.batchSize());
        }
    }
}
