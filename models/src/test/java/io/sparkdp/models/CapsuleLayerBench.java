package io.sparkdp.models;

import io.sparkdp.models.layers.CapsuleLengthLayer;
import io.sparkdp.models.layers.ReverseModePrimaryCapsules;
import io.sparkdp.models.layers.RoutingCapsuleLayer;
import java.io.IOException;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CapsuleLayer;
import org.deeplearning4j.nn.conf.layers.CapsuleStrengthLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PrimaryCapsules;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Measures, prints and asserts nothing about speed: training samples/s of one process on real
 * Fashion-MNIST, DL4J's own capsule layers against sparkdp's ({@link ReverseModePrimaryCapsules},
 * {@link RoutingCapsuleLayer}, {@link CapsuleLengthLayer}), for a strided 5x5 stem of 32 channels
 * and primary capsules of 8 values on 3x3 kernels, by primary capsule count, routings and batch.
 * DL4J's layers pass no gradient (see {@code CapsuleLayersTest}), but they compute one, so their
 * speed still counts. Not a unit test (its name keeps Surefire from running it by default); run it
 * with {@code -Dtest=CapsuleLayerBench}.
 */
class CapsuleLayerBench {
    private static final int STEPS = 12;

    private static MultiLayerNetwork network(boolean ours, int primaryTypes, int routings) {
        PrimaryCapsules.Builder primary = new PrimaryCapsules.Builder(8, primaryTypes).kernelSize(3, 3).stride(2, 2);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(32).activation(Activation.RELU).build())
                .layer(ours ? new ReverseModePrimaryCapsules(primary) : primary.build())
                .layer(ours ? new RoutingCapsuleLayer(10, 16, routings) : new CapsuleLayer.Builder(10, 16, routings).build())
                .layer(ours ? new CapsuleLengthLayer() : new CapsuleStrengthLayer.Builder().build())
                .layer(new LossLayer.Builder(MarginLoss.sabour()).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static double samplesPerSecond(MultiLayerNetwork network, DataSet data, int batch) {
        int steps = ours(network) ? STEPS : STEPS / 3;
        long start = 0;
        for (int step = 0; step < steps + 2; step++) {
            if (step == 2) {
                start = System.nanoTime();
            }
            network.fit(data.getRange(step * batch, (step + 1) * batch));
        }
        return (double) steps * batch / ((System.nanoTime() - start) / 1e9);
    }

    private static boolean ours(MultiLayerNetwork network) {
        return network.getLayer(2).conf().getLayer() instanceof RoutingCapsuleLayer;
    }

    @Test
    void dl4jsCapsuleLayersAgainstSparkdps() throws IOException {
        DataSet data = FashionMnist.first("train", 128 * (STEPS + 2));
        for (int batch : new int[]{32, 128}) {
            for (int types : new int[]{2, 8}) {
                for (int routings : new int[]{1, 3}) {
                    double dl4j = samplesPerSecond(network(false, types, routings), data, batch);
                    double sparkdp = samplesPerSecond(network(true, types, routings), data, batch);
                    System.out.printf(Locale.ROOT, "capsules: batch %d, %d primary capsules, %d routings: DL4J's layers %.1f"
                            + " samples/s, sparkdp's %.1f samples/s (x%.1f)%n", batch, types * 25, routings, dl4j, sparkdp,
                            sparkdp / dl4j);
                }
            }
        }
    }
}
