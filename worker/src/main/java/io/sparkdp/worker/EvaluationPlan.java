package io.sparkdp.worker;

import java.io.Serializable;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import io.sparkdp.models.network.Network;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * How an evaluation pass measures a network, decided once on the driver from its output layer.
 * <p>
 * When the network's loss is cross-entropy on a softmax output (DL4J's {@code MCXENT} or
 * {@code NEGATIVELOGLIKELIHOOD}, unweighted, with the default clipping), each example's loss is
 * the log loss of the output that classification already computed, so one forward pass serves
 * both. Any other loss is scored by the network in a second pass, which keeps evaluation correct
 * for every loss DL4J has.
 *
 * @param classes       classes the network predicts: the width of its output
 * @param topK          k of the top-k accuracy, at least 1
 * @param batchSize     examples per forward pass, at least 1
 * @param probabilities whether the output is a softmax, whose rows are probabilities: log loss is
 *                      measured only then
 * @param lossIsLogLoss whether the network's loss per example is exactly the log loss of its output
 */
public record EvaluationPlan(int classes, int topK, int batchSize, boolean probabilities, boolean lossIsLogLoss)
        implements Serializable {
    public EvaluationPlan {
        if (classes < 1 || topK < 1 || batchSize < 1) {
            throw new IllegalArgumentException("an evaluation needs at least 1 class, k and batch size; got "
                    + classes + ", " + topK + ", " + batchSize);
        }
        if (lossIsLogLoss && !probabilities) {
            throw new IllegalArgumentException("a loss can be the log loss only of a softmax output");
        }
    }

    /** The plan for {@code network}, whose last layer is its output layer. */
    public static EvaluationPlan of(MultiLayerNetwork network, int topK, int batchSize) {
        return of(Network.of(network), topK, batchSize);
    }

    /** The plan for {@code network}, of either kind, by its output layer. */
    public static EvaluationPlan of(Network network, int topK, int batchSize) {
        Layer output = network.outputLayer();
        IActivation activation = null;
        ILossFunction loss = null;
        if (output instanceof BaseOutputLayer layer) {
            activation = layer.getActivationFn();
            loss = layer.getLossFn();
        } else if (output instanceof LossLayer layer) {
            activation = layer.getActivationFn();
            loss = layer.getLossFn();
        }
        boolean softmax = activation instanceof ActivationSoftmax;
        // A subclass of OutputLayer (a center-loss layer) adds terms of its own to the score.
        boolean plainLayer = output != null && (output.getClass() == OutputLayer.class || output.getClass() == LossLayer.class);
        boolean logLoss = softmax && plainLayer && loss instanceof LossMCXENT crossEntropy && crossEntropy.getWeights() == null
                && crossEntropy.getSoftmaxClipEps() == EvaluationAccumulator.LOG_LOSS_EPSILON;
        return new EvaluationPlan((int) network.outputSize(), topK, batchSize, softmax, logLoss);
    }
}
