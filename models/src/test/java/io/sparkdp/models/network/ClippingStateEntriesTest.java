package io.sparkdp.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.GradientClipping;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Gradient clipping leaves batch normalisation's running statistics alone: they travel in the
 * gradient vector but are no gradient, so a clipped network measures the same mean and variance
 * as an unclipped one while its weights take the clipped step. Both where sync clips (the
 * driver's {@link Network#applyGradient}) and where local steps clip (the listener in DL4J's fit).
 */
class ClippingStateEntriesTest {
    private static final int BATCH = 32;
    private static final double RATE = 0.1;
    private static final GradientClipping CLIP = new GradientClipping(1e-3, 0);

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Sgd(RATE)).list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().nOut(8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static DataSet batch() {
        Nd4j.getRandom().setSeed(17);
        INDArray features = Nd4j.rand(DataType.DOUBLE, BATCH, 20).muli(4).addi(2);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, 3);
        for (int i = 0; i < BATCH; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(features, labels);
    }

    /** The running mean and (log) deviation: every batch-norm parameter but its scale and shift. */
    private static INDArray statistics(MultiLayerNetwork network) {
        return Nd4j.concat(0, network.getLayer(1).paramTable().entrySet().stream()
                .filter(p -> !p.getKey().equals("gamma") && !p.getKey().equals("beta"))
                .map(p -> p.getValue().reshape(-1)).toArray(INDArray[]::new));
    }

    private static INDArray weights(MultiLayerNetwork network) {
        return Nd4j.concat(0, network.getLayer(0).getParam("W").reshape(-1), network.getLayer(2).getParam("W").reshape(-1));
    }

    @Test
    void syncClippingScalesTheWeightsStepButNotTheRunningStatistics() {
        MultiLayerNetwork start = network();
        Network worker = Network.of(start.clone());
        worker.computeGradientAndScore(batch());
        worker.stateEntries().forEach(entry -> entry.muli(BATCH)); // as GradientWorker weighs them
        INDArray sum = worker.gradientView().dup();
        Network clipped = Network.of(start.clone());
        Network free = Network.of(start.clone());

        clipped.applyGradient(sum.dup(), BATCH, CLIP);
        free.applyGradient(sum.dup(), BATCH, GradientClipping.none());

        assertEquals(statistics(free.asMultiLayer()), statistics(clipped.asMultiLayer()));
        assertNotEquals(statistics(start), statistics(clipped.asMultiLayer()), "the statistics did not move at all");
        double step = weights(clipped.asMultiLayer()).sub(weights(start)).norm2Number().doubleValue();
        double freeStep = weights(free.asMultiLayer()).sub(weights(start)).norm2Number().doubleValue();
        assertTrue(step <= RATE * CLIP.maxNorm() * (1 + 1e-9), "clipped weights moved by " + step);
        assertTrue(freeStep > 10 * step, "clipping hardly changed the step: " + freeStep + " vs " + step);
    }

    @Test
    void localStepClippingLeavesTheRunningStatisticsAsAnUnclippedFit() {
        MultiLayerNetwork start = network();
        MultiLayerNetwork clipped = start.clone();
        clipped.setListeners(List.of(CLIP.listener()));
        MultiLayerNetwork free = start.clone();

        clipped.fit(batch());
        free.fit(batch());

        assertEquals(statistics(free), statistics(clipped));
        double step = weights(clipped).sub(weights(start)).norm2Number().doubleValue();
        assertTrue(step <= RATE * CLIP.maxNorm() * (1 + 1e-9), "clipped weights moved by " + step);
        assertNotEquals(weights(free), weights(clipped));
    }
}
