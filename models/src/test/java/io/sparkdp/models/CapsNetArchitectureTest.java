package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.layers.CapsuleLengthLayer;
import io.sparkdp.models.layers.ReverseModePrimaryCapsules;
import io.sparkdp.models.layers.RoutingCapsuleLayer;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The capsnet zoo model: its layers, its arguments, its loss and its refusals. */
class CapsNetArchitectureTest {
    private static final InputShape FASHION = new InputShape(1, 28, 28);

    private static ModelRequest request(InputShape shape, Map<String, String> args, String loss) {
        return ModelRequest.of(shape, 10, 3L, OptimizerConfig.defaults()).with(new ModelOptions(args, loss, "auto", 0, 0));
    }

    private static MultiLayerConfiguration configure(Map<String, String> args) {
        return ModelZoo.configure("capsnet", request(FASHION, args, "auto"));
    }

    @Test
    void theDefaultsAreAStridedStemTwoHundredPrimaryCapsulesAndTenRoutedClassCapsules() {
        MultiLayerConfiguration conf = configure(Map.of());

        ConvolutionLayer stem = assertInstanceOf(ConvolutionLayer.class, conf.getConf(0).getLayer());
        assertEquals(32, stem.getNOut());
        assertEquals(2, stem.getStride()[0]);
        ReverseModePrimaryCapsules primary = assertInstanceOf(ReverseModePrimaryCapsules.class, conf.getConf(1).getLayer());
        // 28 -> 12 (5x5, stride 2) -> 5 (3x3, stride 2): 5 x 5 x 8 types
        assertEquals(200, primary.getCapsules());
        assertEquals(8, primary.getCapsuleDimensions());
        RoutingCapsuleLayer classes = assertInstanceOf(RoutingCapsuleLayer.class, conf.getConf(2).getLayer());
        assertEquals(10, classes.getCapsules());
        assertEquals(16, classes.getCapsuleDimensions());
        assertEquals(3, classes.getRoutings());
        assertInstanceOf(CapsuleLengthLayer.class, conf.getConf(3).getLayer());
        LossLayer output = assertInstanceOf(LossLayer.class, conf.getConf(4).getLayer());
        assertEquals(MarginLoss.sabour(), output.getLossFn());
        assertInstanceOf(ActivationIdentity.class, output.getActivationFn());
        assertEquals(10, ModelZoo.create("capsnet", request(FASHION, Map.of(), "auto")).outputSize());
    }

    @Test
    void theArgumentsShapeTheCapsules() {
        MultiLayerConfiguration conf = configure(Map.of("conv", "16,24", "kernel", "3", "stride", "1", "primary-channels", "4",
                "primary-dims", "6", "primary-stride", "1", "capsule-dims", "12", "routings", "2", "margin-present", "0.8"));

        assertEquals(3, conf.getConfs().stream().filter(c -> c.getLayer() instanceof ConvolutionLayer).count() + 1);
        ReverseModePrimaryCapsules primary = (ReverseModePrimaryCapsules) conf.getConf(2).getLayer();
        // 28 -> 26 -> 24 (3x3) -> 22 (3x3 primary): 22 x 22 x 4 types
        assertEquals(22 * 22 * 4, primary.getCapsules());
        assertEquals(6, primary.getCapsuleDimensions());
        RoutingCapsuleLayer classes = (RoutingCapsuleLayer) conf.getConf(3).getLayer();
        assertEquals(12, classes.getCapsuleDimensions());
        assertEquals(2, classes.getRoutings());
        assertEquals(new MarginLoss(0.8, 0.1, 0.5), ((LossLayer) conf.getConf(5).getLayer()).getLossFn());
    }

    @Test
    void classScoresAreCapsuleLengthsInZeroToOne() {
        MultiLayerNetwork network = ModelZoo.build("capsnet", request(FASHION, Map.of(), "auto"));

        INDArray scores = network.output(Nd4j.rand(DataType.FLOAT, 4, FASHION.size()));

        assertEquals(4, scores.rows());
        assertEquals(10, scores.columns());
        assertTrue(scores.minNumber().doubleValue() >= 0 && scores.maxNumber().doubleValue() < 1, scores.toString());
        assertTrue(Math.abs(scores.sum(1).getDouble(0) - 1) > 1e-3, "lengths, not a softmax: " + scores);
    }

    @Test
    void anotherLossAMarginOrderAndATooSmallImageAreRefusedInOneLine() {
        String loss = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.check("capsnet", new ModelOptions(Map.of(), "categorical-crossentropy", "auto", 0, 0))).getMessage();
        assertTrue(loss.contains("capsnet trains with margin"), loss);
        String margins = assertThrows(IllegalArgumentException.class,
                () -> configure(Map.of("margin-present", "0.1", "margin-absent", "0.5"))).getMessage();
        assertTrue(margins.startsWith("model capsnet: margins"), margins);
        String small = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.configure("capsnet", request(new InputShape(1, 6, 6), Map.of(), "auto"))).getMessage();
        assertTrue(small.contains("does not fit"), small);
        String routings = assertThrows(IllegalArgumentException.class, () -> configure(Map.of("routings", "0"))).getMessage();
        assertTrue(routings.contains("--model-arg routings must be"), routings);
    }
}
