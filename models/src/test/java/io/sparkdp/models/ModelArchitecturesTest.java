package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** What each architecture is, and what model arguments, losses, initialisations and penalties change. */
class ModelArchitecturesTest {
    private static final InputShape MNIST = new InputShape(1, 28, 28);

    private static ModelRequest request(ModelOptions options) {
        return ModelRequest.of(MNIST, 10, 42L, OptimizerConfig.defaults()).with(options);
    }

    private static ModelOptions args(Map<String, String> args) {
        return new ModelOptions(args, "auto", "auto", 0, 0);
    }

    private static MultiLayerConfiguration configure(String model, ModelOptions options) {
        return ModelZoo.configure(model, request(options));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ModelArchitecturesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void mlpAndCnnAreBitIdenticalToTheModelsBeforeTheyTookArguments() throws IOException {
        // Written by the zoo before model arguments existed (mlp 512-256, cnn 32-64 + dense 256; seed 42).
        assertEquals(resource("mlp-default.json"), configure("mlp", ModelOptions.defaults()).toJson());
        assertEquals(resource("cnn-default.json"), configure("cnn", ModelOptions.defaults()).toJson());
    }

    @Test
    void theLinearModelsAreOneLayerDefinedByTheirLoss() {
        Map<String, Class<?>> losses = Map.of("perceptron", OneVsRestHingeLoss.class, "logistic", LossBinaryXENT.class,
                "softmax", LossMCXENT.class);
        Map<String, Class<?>> activations = Map.of("perceptron", ActivationIdentity.class, "logistic", ActivationSigmoid.class,
                "softmax", ActivationSoftmax.class);
        for (String model : losses.keySet()) {
            MultiLayerNetwork network = ModelZoo.build(model, request(ModelOptions.defaults()));
            OutputLayer output = (OutputLayer) network.getLayerWiseConfigurations().getConf(0).getLayer();

            assertEquals(1, network.getnLayers(), model);
            assertEquals(784L * 10 + 10, network.numParams(), model);
            assertInstanceOf(losses.get(model), output.getLossFn(), model);
            assertInstanceOf(activations.get(model), output.getActivationFn(), model);
        }
        assertEquals(0.0, ((OneVsRestHingeLoss) ((OutputLayer) configure("perceptron", ModelOptions.defaults()).getConf(0)
                .getLayer()).getLossFn()).margin());
    }

    @Test
    void mlpTakesAnyDepthActivationAndDropout() {
        MultiLayerConfiguration mlp = configure("mlp", args(Map.of("hidden", "64,32,16", "activation", "elu", "dropout", "0.25")));
        MultiLayerNetwork network = new MultiLayerNetwork(mlp);
        network.init();

        assertEquals(4, mlp.getConfs().size());
        assertEquals(784L * 64 + 64 + 64 * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10, network.numParams());
        assertInstanceOf(ActivationELU.class, ((BaseLayer) mlp.getConf(1).getLayer()).getActivationFn());
        assertNull(mlp.getConf(0).getLayer().getIDropout(), "the input is not dropped");
        for (int layer = 1; layer < 4; layer++) {
            assertEquals(new Dropout(0.75), mlp.getConf(layer).getLayer().getIDropout(), "DL4J takes the keep probability");
        }
    }

    @Test
    void cnnTakesItsBlocksKernelAndDenseLayers() {
        MultiLayerConfiguration cnn = configure("cnn", args(Map.of("filters", "8,8,16", "kernel", "3", "dense", "32,16")));

        long convolutions = cnn.getConfs().stream().filter(c -> c.getLayer() instanceof ConvolutionLayer).count();
        long poolings = cnn.getConfs().stream().filter(c -> c.getLayer() instanceof SubsamplingLayer).count();
        assertEquals(3, convolutions);
        assertEquals(3, poolings);
        assertArrayEquals(new long[]{3, 3}, java.util.Arrays.stream(((ConvolutionLayer) cnn.getConf(0).getLayer())
                .getKernelSize()).asLongStream().toArray());
        assertEquals(9, cnn.getConfs().size());
    }

    @Test
    void leNetHasTheClassicSixtyOneThousandParameters() {
        MultiLayerNetwork lenet = ModelZoo.build("lenet", request(ModelOptions.defaults()));

        // C1 156, C3 2,416, C5 48,120, F6 10,164, output 850
        assertEquals(61_706, lenet.numParams());
        assertArrayEquals(new long[]{2, 10}, lenet.output(Nd4j.rand(DataType.FLOAT, 2, MNIST.size()), false).shape());
    }

    @Test
    void vgg16HasTheThirteenConvolutionsOfConfigurationDAtASmallInput() {
        ModelRequest small = new ModelRequest(new InputShape(3, 32, 32), 10, 1L, OptimizerConfig.defaults(), DataType.FLOAT,
                args(Map.of("dense", "64,64")));
        MultiLayerNetwork vgg = ModelZoo.build("vgg16", small);

        long convolutions = vgg.getLayerWiseConfigurations().getConfs().stream()
                .filter(c -> c.getLayer() instanceof ConvolutionLayer).count();
        assertEquals(13, convolutions);
        // The convolutional base of VGG-16 on RGB input has 14,714,688 parameters; the 32x32 input is 1x1x512 after it.
        assertEquals(14_714_688L + 512 * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10, vgg.numParams());
        assertArrayEquals(new long[]{2, 10}, vgg.output(Nd4j.rand(DataType.FLOAT, 2, 3 * 32 * 32), false).shape());
    }

    @Test
    void theLossChoosesTheOutputActivation() {
        OutputLayer hinge = outputOf("mlp", new ModelOptions(Map.of(), "hinge", "auto", 0, 0));
        OutputLayer mse = outputOf("cnn", new ModelOptions(Map.of(), "mse", "auto", 0, 0));
        OutputLayer bce = outputOf("lenet", new ModelOptions(Map.of(), "bce", "auto", 0, 0));

        assertEquals(new OneVsRestHingeLoss(1.0), hinge.getLossFn());
        assertInstanceOf(ActivationIdentity.class, hinge.getActivationFn());
        assertInstanceOf(LossMSE.class, mse.getLossFn());
        assertInstanceOf(ActivationSoftmax.class, mse.getActivationFn());
        assertInstanceOf(LossBinaryXENT.class, bce.getLossFn());
        assertInstanceOf(ActivationSigmoid.class, bce.getActivationFn());
    }

    @Test
    void aModelDefinedByItsLossRefusesAnother() {
        ModelOptions mse = new ModelOptions(Map.of(), "mse", "auto", 0, 0);

        String message = assertThrows(IllegalArgumentException.class, () -> ModelZoo.check("logistic", mse)).getMessage();
        assertTrue(message.contains("logistic") && message.contains("binary-crossentropy"), message);
        ModelZoo.check("logistic", new ModelOptions(Map.of(), "binary-crossentropy", "auto", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ModelOptions(Map.of(), "cosine", "auto", 0, 0));
    }

    @Test
    void theWeightInitOverridesEveryLayersOwnChoice() {
        MultiLayerConfiguration auto = configure("mlp", ModelOptions.defaults());
        MultiLayerConfiguration he = configure("mlp", new ModelOptions(Map.of(), "auto", "he", 0, 0));

        assertInstanceOf(WeightInitRelu.class, ((BaseLayer) auto.getConf(0).getLayer()).getWeightInitFn());
        assertInstanceOf(WeightInitXavier.class, ((BaseLayer) auto.getConf(2).getLayer()).getWeightInitFn());
        for (var conf : he.getConfs()) {
            assertInstanceOf(WeightInitRelu.class, ((BaseLayer) conf.getLayer()).getWeightInitFn());
        }
        assertThrows(IllegalArgumentException.class, () -> new ModelOptions(Map.of(), "auto", "orthogonal", 0, 0));
    }

    @Test
    void l1AndL2PenaliseTheWeightsOfEveryLayer() {
        MultiLayerConfiguration penalised = configure("cnn", new ModelOptions(Map.of(), "auto", "auto", 1e-4, 5e-4));

        for (var conf : penalised.getConfs()) {
            if (conf.getLayer() instanceof BaseLayer layer) {
                assertTrue(layer.getRegularization().contains(new L1Regularization(1e-4)), layer.toString());
                assertTrue(layer.getRegularization().contains(new L2Regularization(5e-4)), layer.toString());
                assertTrue(layer.getRegularizationBias().isEmpty(), "biases are not penalised");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ModelOptions(Map.of(), "auto", "auto", -1, 0));
    }

    @Test
    void anImageTooSmallForTheModelIsAOneLineArgumentError() {
        ModelRequest tiny = ModelRequest.of(new InputShape(1, 4, 4), 3, 1L, OptimizerConfig.defaults());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("cnn", tiny));
        assertTrue(error.getMessage().startsWith("model cnn cannot be built for 1x4x4 input"), error.getMessage());
        assertEquals(1, error.getMessage().lines().count());
    }

    private static OutputLayer outputOf(String model, ModelOptions options) {
        MultiLayerConfiguration configuration = configure(model, options);
        return (OutputLayer) configuration.getConf(configuration.getConfs().size() - 1).getLayer();
    }
}
