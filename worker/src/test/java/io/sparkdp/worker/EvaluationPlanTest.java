package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** One forward pass serves the loss exactly when the loss is the log loss of a softmax output. */
class EvaluationPlanTest {
    private static EvaluationPlan planFor(Layer output) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).build()).layer(output).build());
        network.init();
        return EvaluationPlan.of(network, 5, 64);
    }

    @Test
    void crossEntropyOnASoftmaxIsScoredFromTheOutput() {
        assertEquals(new EvaluationPlan(3, 5, 64, true, true), planFor(new OutputLayer.Builder(LossFunction.MCXENT)
                .nIn(5).nOut(3).activation(Activation.SOFTMAX).build()));
        assertEquals(new EvaluationPlan(3, 5, 64, true, true), planFor(new OutputLayer.Builder(LossFunction.NEGATIVELOGLIKELIHOOD)
                .nIn(5).nOut(3).activation(Activation.SOFTMAX).build()));
    }

    @Test
    void anyOtherLossTakesASecondPass() {
        assertEquals(new EvaluationPlan(3, 5, 64, false, false), planFor(new OutputLayer.Builder(LossFunction.MSE)
                .nIn(5).nOut(3).activation(Activation.IDENTITY).build()));
        assertEquals(new EvaluationPlan(3, 5, 64, true, false), planFor(new OutputLayer.Builder(LossFunction.MSE)
                .nIn(5).nOut(3).activation(Activation.SOFTMAX).build()));
        assertEquals(new EvaluationPlan(3, 5, 64, true, false), planFor(new OutputLayer.Builder(
                new LossMCXENT(Nd4j.createFromArray(1.0, 2.0, 1.0))).nIn(5).nOut(3).activation(Activation.SOFTMAX).build()),
                "a weighted cross-entropy is not the log loss");
        assertEquals(new EvaluationPlan(3, 5, 64, true, false), planFor(new OutputLayer.Builder(new LossMCXENT(0.0, null))
                .nIn(5).nOut(3).activation(Activation.SOFTMAX).build()), "nor one clipped elsewhere");
        assertEquals(new EvaluationPlan(3, 5, 64, true, false), planFor(new CenterLossOutputLayer.Builder(LossFunction.MCXENT)
                .nIn(5).nOut(3).activation(Activation.SOFTMAX).build()), "a center loss adds its own term");
    }

    @Test
    void aPlanIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new EvaluationPlan(3, 0, 64, true, true));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationPlan(3, 5, 64, false, true));
    }
}
