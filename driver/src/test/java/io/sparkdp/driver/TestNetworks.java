package io.sparkdp.driver;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.models.network.Network;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Small networks for persistence tests, and the check that two are the same model. */
public final class TestNetworks {
    private TestNetworks() {
    }

    /** A small MLP (4x4 input, 3 classes) after a few Adam steps, so that its optimizer state is not all zeros. */
    public static MultiLayerNetwork trained(long seed) {
        MultiLayerNetwork network = ModelZoo.build("mlp",
                ModelRequest.of(new InputShape(1, 4, 4), 3, 5L, OptimizerConfig.defaults()));
        Random random = new Random(seed);
        for (int step = 0; step < 3; step++) {
            float[] x = new float[8 * 16];
            float[] y = new float[8 * 3];
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 16; j++) {
                    x[i * 16 + j] = random.nextFloat();
                }
                y[i * 3 + random.nextInt(3)] = 1;
            }
            network.fit(new DataSet(Nd4j.create(x, new long[]{8, 16}), Nd4j.create(y, new long[]{8, 3})));
        }
        return network;
    }

    /** The same training outcome: parameters and optimizer state within 1e-6, and the same step and epoch counts. */
    public static void assertSameTraining(MultiLayerNetwork expected, MultiLayerNetwork actual) {
        double params = ReferenceSetup.maxAbsDiff(expected.params(), actual.params());
        double state = ReferenceSetup.maxAbsDiff(expected.getUpdater().getStateViewArray(), actual.getUpdater().getStateViewArray());
        assertTrue(params <= 1e-6 && state <= 1e-6, "parameters differ by " + params + ", optimizer state by " + state);
        assertEquals(expected.getIterationCount(), actual.getIterationCount());
        assertEquals(expected.getEpochCount(), actual.getEpochCount());
    }

    /** As {@link #assertSameTraining(MultiLayerNetwork, MultiLayerNetwork)}, for networks of either kind. */
    public static void assertSameTraining(Network expected, Network actual, double tolerance) {
        double params = ReferenceSetup.maxAbsDiff(expected.params(), actual.params());
        double state = expected.updaterState().isEmpty() ? 0
                : ReferenceSetup.maxAbsDiff(expected.updaterState().get(), actual.updaterState().orElseThrow());
        assertTrue(params <= tolerance && state <= tolerance, "parameters differ by " + params + ", optimizer state by " + state);
        assertEquals(expected.iteration(), actual.iteration());
        assertEquals(expected.epoch(), actual.epoch());
    }

    /** Same configuration, parameters, optimizer state and counts. */
    public static void assertSameModel(MultiLayerNetwork expected, MultiLayerNetwork actual) {
        assertEquals(expected.getLayerWiseConfigurations(), actual.getLayerWiseConfigurations());
        assertEquals(expected.params(), actual.params());
        assertEquals(expected.getUpdater().getStateViewArray(), actual.getUpdater().getStateViewArray());
        assertTrue(actual.getUpdater().getStateViewArray().amaxNumber().doubleValue() > 0, "optimizer state was saved");
        assertEquals(expected.getIterationCount(), actual.getIterationCount());
        assertEquals(expected.getEpochCount(), actual.getEpochCount());
    }
}
