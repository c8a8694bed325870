package io.sparkdp.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.DoublePrecision;
import io.sparkdp.models.MarginLoss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CapsuleLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PrimaryCapsules;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The capsule layers: {@link RoutingCapsuleLayer} computes what DL4J's {@code CapsuleLayer} computes,
 * a whole capsule network has exact gradients under the margin loss, and it persists.
 */
@ExtendWith(DoublePrecision.class)
class CapsuleLayersTest {
    private static final int BATCH = 3;
    private static final int CLASSES = 3;

    /** Conv 3@3x3 on 8x8, 2 types of 4-d primary capsules (3x3, stride 2: 18 capsules), 3 class capsules of 4 values. */
        private static MultiLayerNetwork capsnet(long seed, Layer primary, Layer routing) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build())
                .layer(primary)
                .layer(routing)
                .layer(new CapsuleLengthLayer())
                .layer(new LossLayer.Builder(MarginLoss.sabour()).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static PrimaryCapsules.Builder primaries() {
        return new PrimaryCapsules.Builder(4, 2).kernelSize(3, 3).stride(2, 2);
    }

    private static MultiLayerNetwork ours(long seed, int routings) {
        return capsnet(seed, new ReverseModePrimaryCapsules(primaries()), new RoutingCapsuleLayer(CLASSES, 4, routings));
    }

    private static INDArray images(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, BATCH, 64);
    }

    private static INDArray labels(long seed) {
        Random random = new Random(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, CLASSES);
        for (int b = 0; b < BATCH; b++) {
            labels.putScalar(b, random.nextInt(CLASSES), 1.0);
        }
        return labels;
    }

    @Test
    void routingComputesWhatDl4jsCapsuleLayerComputes() {
        for (int routings : new int[]{1, 3}) {
            MultiLayerNetwork ours = ours(2, routings);
            MultiLayerNetwork dl4j = capsnet(2, primaries().build(), new CapsuleLayer.Builder(CLASSES, 4, routings).build());
            dl4j.setParams(ours.params());

            INDArray expected = dl4j.feedForward(images(3), false).get(3);
            INDArray actual = ours.feedForward(images(3), false).get(3);

            assertEquals(3, expected.rank());
            assertTrue(expected.equalsWithEps(actual, 1e-12), routings + " routings: " + expected + " vs " + actual);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MultiLayerNetwork network = ours(5, 3);

        // at most 60 entries of each parameter array (638 parameters in all), to keep the test short
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(network)
                .input(images(6)).labels(labels(7)).subset(true).maxPerParam(60)));
    }

    /**
     * Why the capsule layers take their gradients from {@link ReverseModeGradients}: DL4J's own
     * {@code PrimaryCapsules} and {@code CapsuleLayer}, differentiated by SameDiff's scheduler, pass
     * no gradient at all, so a network of them never leaves its initial loss. When a DL4J upgrade
     * makes this fail, the workaround can go.
     */
    @Test
    void dl4jsOwnLayersPassNoGradient() {
        MultiLayerNetwork ours = ours(5, 3);
        MultiLayerNetwork dl4j = capsnet(5, primaries().build(), new CapsuleLayer.Builder(CLASSES, 4, 3).build());
        dl4j.setParams(ours.params());
        for (MultiLayerNetwork network : new MultiLayerNetwork[]{ours, dl4j}) {
            network.setInput(images(6));
            network.setLabels(labels(7));
            network.computeGradientAndScore();
        }

        assertEquals(ours.score(), dl4j.score(), 1e-12);
        assertEquals(0.0, dl4j.gradient().gradient().norm2Number().doubleValue(), 0.0);
        assertTrue(ours.gradient().gradient().norm2Number().doubleValue() > 0.01, "reverse-mode gradient norm "
                + ours.gradient().gradient().norm2Number());
    }

    @Test
    void theConfigurationSurvivesJsonAndASavedNetworkLoadsWithIdenticalOutputs() throws IOException {
        MultiLayerNetwork network = ours(1, 2);
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());

        assertEquals(conf, restored);
        assertEquals(conf.toJson(), restored.toJson());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, bytes, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(network.params(), loaded.params());
        assertEquals(network.output(images(2)), loaded.output(images(2)));
    }
}
