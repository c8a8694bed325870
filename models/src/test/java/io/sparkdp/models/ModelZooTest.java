package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelZooTest {
    private static final InputShape MNIST = new InputShape(1, 28, 28);

    private static ModelRequest request(long seed) {
        return ModelRequest.of(MNIST, 10, seed, OptimizerConfig.defaults());
    }

    /** Sequential MNIST: 28 steps of 28 features. */
    private static final InputShape SEQUENCES = new InputShape(28, 1, 28);

    /**
     * {@code request}, or for a model that only regresses the same request for one target, or for
     * a recurrent model the same request for sequences of {@link #SEQUENCES}.
     */
    private static ModelRequest forTask(Architecture architecture, ModelRequest request) {
        if (architecture.readsSequences()) {
            ModelRequest sequences = new ModelRequest(SEQUENCES, request.numClasses(), request.seed(), request.optimizer(),
                    request.dataType(), request.options(), false,
                    architecture.decodesSequences() ? SequenceLabels.TARGET_SEQUENCE : SequenceLabels.PER_SEQUENCE);
            return architecture.classifies() ? sequences : sequences.forRegression(1);
        }
        return architecture.classifies() || architecture.reconstructs() ? request : request.forRegression(1);
    }

    @Test
    void mlpHasOneWeightAndBiasPerConnectionOfItsLayers() {
        MultiLayerNetwork mlp = ModelZoo.build("mlp", request(1));

        long expected = 784L * 512 + 512 + 512L * 256 + 256 + 256L * 10 + 10;
        assertEquals(expected, mlp.numParams());
        assertEquals(expected, mlp.params().length());
    }

    @Test
    void cnnMapsABatchOfFlatImagesToClassProbabilities() {
        MultiLayerNetwork cnn = ModelZoo.build("cnn", request(1));
        INDArray batch = Nd4j.rand(DataType.FLOAT, 3, MNIST.size());

        INDArray output = cnn.output(batch, false);

        assertArrayEquals(new long[]{3, 10}, output.shape());
        INDArray rowSums = output.sum(1);
        for (int row = 0; row < 3; row++) {
            assertEquals(1.0, rowSums.getDouble(row), 1e-5, "row " + row);
        }
    }

    @Test
    void everyConfigurationRoundTripsThroughJson() {
        for (Architecture architecture : ModelZoo.all()) {
            NetworkConfiguration configuration = architecture.network(forTask(architecture, request(7)));

            NetworkConfiguration restored = NetworkConfiguration.fromJson(configuration.toJson());

            assertEquals(configuration, restored, architecture.name());
            assertEquals(configuration.toJson(), restored.toJson(), architecture.name());
        }
    }

    @Test
    void theSeedAloneDecidesTheInitialParameters() {
        for (Architecture architecture : ModelZoo.all()) {
            String name = architecture.name();
            INDArray first = ModelZoo.create(name, forTask(architecture, request(42))).params();
            INDArray again = ModelZoo.create(name, forTask(architecture, request(42))).params();
            INDArray other = ModelZoo.create(name, forTask(architecture, request(43))).params();

            assertEquals(first, again, name + ": same seed");
            assertNotEquals(first, other, name + ": different seed");
        }
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("nosuchnet", request(1)));

        assertTrue(error.getMessage().contains("nosuchnet"), error.getMessage());
        for (Architecture architecture : ModelZoo.all()) {
            assertTrue(error.getMessage().contains(architecture.name()), error.getMessage());
        }
    }

    @Test
    void theZooListsTheLinearModelsThenTheDeepOnes() {
        assertEquals(List.of("perceptron", "logistic", "softmax", "linear", "mlp", "cnn", "lenet", "vgg16", "resnet", "lstm",
                        "bilstm", "gru", "attention", "forecast", "autoencoder", "vae", "seq2seq", "capsnet", "siamese", "gan"),
                ModelZoo.all().stream().map(Architecture::name).toList());
        for (Architecture architecture : ModelZoo.all()) {
            assertFalse(architecture.description().isBlank(), architecture.name());
        }
    }

    @Test
    void aDoubleRequestGivesADoubleNetwork() {
        for (Architecture architecture : ModelZoo.all()) {
            ModelRequest request = forTask(architecture, new ModelRequest(MNIST, 10, 3, OptimizerConfig.defaults(), DataType.DOUBLE));

            Network network = ModelZoo.create(architecture.name(), request);

            assertEquals(DataType.DOUBLE, network.params().dataType(), architecture.name());
            assertEquals(DataType.DOUBLE,
                    network.output(architecture.readsSequences() ? Nd4j.rand(DataType.DOUBLE, 2, 28, 28)
                            : Nd4j.rand(DataType.DOUBLE, 2, MNIST.size())).dataType(),
                    architecture.name());
        }
    }

    @Test
    void aFloatRequestGivesAFloatNetwork() {
        assertEquals(DataType.FLOAT, ModelZoo.build("mlp", request(1)).params().dataType());
    }

    @Test
    void theRequestedOptimizerIsBakedIntoEveryLayer() {
        ModelRequest request = ModelRequest.of(MNIST, 10, 1, new OptimizerConfig("sgd", 0.25));
        for (Architecture architecture : ModelZoo.all()) {
            int withUpdater = 0;
            for (org.deeplearning4j.nn.api.Layer built : ModelZoo.create(architecture.name(), forTask(architecture, request)).layers()) {
                if (NetworkConfiguration.unwrapped(built.conf().getLayer()) instanceof BaseLayer layer) {
                    assertEquals(request.optimizer().toUpdater(), layer.getIUpdater(),
                            architecture.name() + " layer " + withUpdater);
                    withUpdater++;
                } else if (built.conf().getLayer() instanceof AbstractSameDiffLayer layer) {
                    assertEquals(request.optimizer().toUpdater(), layer.getUpdater(),
                            architecture.name() + " layer " + withUpdater);
                    withUpdater++;
                }
            }
            // A linear model is one layer; DL4J's VAE is one layer holding its encoder and decoder;
            // a one-layer GRU classifier has two: the GRU and its output.
            boolean oneLayer = architecture instanceof LinearArchitecture || architecture instanceof VaeArchitecture;
            assertTrue(withUpdater >= (oneLayer ? 1 : 2),
                    architecture.name() + " has " + withUpdater + " trainable layers");
        }
    }
}
