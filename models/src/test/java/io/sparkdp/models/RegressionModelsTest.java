package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** Regression models: which train it, with which losses, and what their output layer is. */
class RegressionModelsTest {
    private static final InputShape TABULAR = new InputShape(1, 1, 6);

    private static ModelRequest regression(int targets, String loss) {
        return regression(targets, loss, Map.of("hidden", "16"));
    }

    private static ModelRequest regression(int targets, String loss, Map<String, String> args) {
        return ModelRequest.of(TABULAR, 10, 5L, OptimizerConfig.defaults())
                .with(new ModelOptions(args, loss, "auto", 0, 0)).forRegression(targets);
    }

    private static OutputLayer outputLayer(MultiLayerNetwork network) {
        return (OutputLayer) network.getLayerWiseConfigurations().getConf(network.getnLayers() - 1).getLayer();
    }

    @Test
    void mlpRegressesWithOneIdentityOutputPerTargetAndMseByDefault() {
        MultiLayerNetwork mlp = ModelZoo.build("mlp", regression(3, "auto"));
        OutputLayer output = outputLayer(mlp);
        assertInstanceOf(ActivationIdentity.class, output.getActivationFn());
        assertInstanceOf(LossMSE.class, output.getLossFn());
        assertEquals(3, output.getNOut());
        INDArray out = mlp.output(Nd4j.rand(DataType.FLOAT, 4, 6).muli(10), false);
        assertArrayEquals(new long[] {4, 3}, out.shape());
        assertTrue(out.minNumber().doubleValue() < 0 || out.maxNumber().doubleValue() > 1 || out.sum(1).getDouble(0) != 1,
                "outputs are unbounded real values, not probabilities: " + out);
    }

    @Test
    void linearIsOneIdentityLayerAndMaeIsAllowed() {
        MultiLayerNetwork linear = ModelZoo.build("linear", regression(1, "mae", Map.of()));
        assertEquals(1, linear.getnLayers());
        assertEquals(6 + 1, linear.numParams(), "a weight per feature and a bias");
        assertInstanceOf(LossMAE.class, outputLayer(linear).getLossFn());
        assertInstanceOf(ActivationIdentity.class, outputLayer(linear).getActivationFn());
    }

    @Test
    void combinationsThatMakeNoSenseAreRefusedInOneLine() {
        for (String loss : List.of("hinge", "categorical-crossentropy", "binary-crossentropy")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelZoo.check("mlp", regression(1, loss).options(), true));
            assertTrue(e.getMessage().contains("--loss " + loss + " is a classification loss"), e.getMessage());
        }
        for (String classifier : List.of("cnn", "softmax", "perceptron", "lenet")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelZoo.check(classifier, ModelOptions.defaults(), true));
            assertTrue(e.getMessage().contains("is a classifier") && e.getMessage().contains("linear, mlp"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("linear", ModelRequest.of(TABULAR, 3, 1L, OptimizerConfig.defaults())));
        assertTrue(e.getMessage().contains("--task regression"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> regression(0, "mse"), "at least one target");
        assertTrue(ModelZoo.regressors().containsAll(List.of("linear", "mlp", "lstm", "bilstm", "gru")), ModelZoo.regressors().toString());
    }
}
