package io.sparkdp.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The GAN's two parts: shared parameter views, phases that touch only their own part, JSON that rebuilds it. */
class GanNetworkTest {
    private static GanNetwork gan() {
        ModelRequest request = new ModelRequest(new InputShape(1, 28, 28), 10, 5L, new OptimizerConfig("adam", 2e-4),
                DataType.FLOAT, new ModelOptions(Map.of("filters", "4,8", "latent", "8"), "auto", "auto", 0, 0));
        return (GanNetwork) ModelZoo.create("gan", request);
    }

    private static DataSet images(int n) {
        Nd4j.getRandom().setSeed(3);
        return new DataSet(Nd4j.rand(DataType.FLOAT, n, 784), Nd4j.zeros(DataType.FLOAT, n, 10));
    }

    private static INDArray part(INDArray flat, long from, long to) {
        return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to)).dup();
    }

    @Test
    void theGeneratorDrawsImagesOfTheDataShapeInTheUnitInterval() {
        GanNetwork gan = gan();
        INDArray images = gan.generate(5);
        assertEquals(5, images.size(0));
        assertEquals(784, images.size(1));
        assertTrue(images.minNumber().doubleValue() >= 0 && images.maxNumber().doubleValue() <= 1);
        assertEquals(2, gan.output(images).size(1));
    }

    @Test
    void eachPhaseStepsOnlyItsOwnPartAndTheCountersAdvanceAfterBoth() {
        GanNetwork gan = gan();
        long split = generatorParams(gan);
        INDArray before = gan.params().dup();
        gan.fit(images(6), GanNetwork.DISCRIMINATOR);
        assertEquals(0.0, part(gan.params(), 0, split).sub(part(before, 0, split)).amaxNumber().doubleValue());
        assertTrue(part(gan.params(), split, gan.numParams()).sub(part(before, split, gan.numParams())).amaxNumber().doubleValue() > 0);
        assertEquals(0, gan.iteration());
        INDArray afterDiscriminator = gan.params().dup();
        gan.fit(images(6), GanNetwork.GENERATOR);
        assertEquals(0.0, part(gan.params(), split, gan.numParams()).sub(part(afterDiscriminator, split, gan.numParams()))
                .amaxNumber().doubleValue());
        assertTrue(part(gan.params(), 0, split).sub(part(afterDiscriminator, 0, split)).amaxNumber().doubleValue() > 0);
        assertEquals(1, gan.iteration());
        assertThrows(IllegalArgumentException.class, () -> gan.fit(images(2), 2));
    }

    @Test
    void itsConfigurationRebuildsTheSameGanFromJson() {
        GanNetwork gan = gan();
        NetworkConfiguration again = NetworkConfiguration.fromJson(gan.configuration().toJson());
        Network rebuilt = again.build();
        assertTrue(rebuilt instanceof GanNetwork);
        assertEquals(gan.numParams(), rebuilt.numParams());
        assertEquals(gan.updaterState().orElseThrow().length(), rebuilt.updaterState().orElseThrow().length());
        assertEquals(784, again.inputSize());
    }

    @Test
    void aCopyHoldsTheSameStateAndMovesOnItsOwn() {
        GanNetwork gan = gan();
        gan.fit(images(4));
        Network copy = gan.copy();
        assertEquals(0.0, copy.params().sub(gan.params()).amaxNumber().doubleValue());
        assertEquals(0.0, copy.updaterState().orElseThrow().sub(gan.updaterState().orElseThrow()).amaxNumber().doubleValue());
        assertEquals(gan.iteration(), copy.iteration());
        copy.fit(images(4));
        assertTrue(copy.params().sub(gan.params()).amaxNumber().doubleValue() > 0);
    }

    private static long generatorParams(GanNetwork gan) {
        long split = 0;
        for (int i = 0; i < ((NetworkConfiguration.Gan) gan.configuration()).generatorLayers(); i++) {
            split += gan.stack().getLayer(i).numParams();
        }
        return split;
    }
}
