package io.sparkdp.models.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Transfer surgery on both network kinds, without Spark: what is frozen, what is fresh, what is
 * copied, and that freezes survive DL4J's own model zip and the configuration JSON executors
 * rebuild from. The distributed guarantees are in the driver's TransferLearningTest.
 */
class TransferTest {
    private static final InputShape IMAGE = new InputShape(1, 8, 8);

    private static Network mlp(long seed) {
        ModelRequest request = new ModelRequest(IMAGE, 5, seed, new OptimizerConfig("adam", 1e-2), DataType.DOUBLE,
                new ModelOptions(Map.of("hidden", "16,12"), "auto", "auto", 0, 1e-3));
        return ModelZoo.create("mlp", request);
    }

    private static Network resnet(long seed) {
        ModelRequest request = new ModelRequest(IMAGE, 5, seed, new OptimizerConfig("adam", 1e-2), DataType.DOUBLE,
                new ModelOptions(Map.of("filters", "4,8", "blocks", "1"), "auto", "auto", 0, 0));
        return ModelZoo.create("resnet", request);
    }

    private static Transfer.Plan plan(String freezeUpTo, int head) {
        return new Transfer.Plan(Optional.ofNullable(freezeUpTo), head, new Adam(1e-2), 11L);
    }

    private static DataSet batch(int classes, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.DOUBLE, 16, IMAGE.size());
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 16, classes);
        for (int i = 0; i < 16; i++) {
            labels.putScalar(i, i % classes, 1.0);
        }
        return new DataSet(features, labels);
    }

    private static void fit(Network network, int classes, int steps) {
        for (int i = 0; i < steps; i++) {
            network.fit(batch(classes, i));
        }
    }

    private static List<INDArray> frozenCopies(Network network) {
        return Transfer.frozenParameters(network).stream().map(INDArray::dup).toList();
    }

    private static Network roundTrip(Network network) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network.model(), zip, true);
        return network instanceof GraphNetwork
                ? Network.of(ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip.toByteArray()), true))
                : Network.of(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()), true));
    }

    @Test
    void freezingUpToALayerFreezesItAndThoseBeforeItAndTrainingLeavesThemBitIdentical() {
        Network source = mlp(1);
        fit(source, 5, 3);
        Network adapted = Transfer.adapt(source, plan("layer1", 7));

        assertEquals(List.of("layer0", "layer1"), Transfer.frozenLayers(adapted));
        assertEquals(7, adapted.outputSize());
        assertEquals(0, adapted.iteration());
        List<INDArray> before = frozenCopies(adapted);
        assertTrue(Transfer.frozenParameters(source).isEmpty(), "the source itself is not frozen");
        assertEquals(source.layers()[0].params(), before.get(0), "frozen layers start from the trained parameters");
        INDArray head = adapted.layers()[2].params().dup();

        fit(adapted, 7, 5);

        assertEquals(before, Transfer.frozenParameters(adapted), "frozen parameters moved");
        assertNotEquals(head, adapted.layers()[2].params(), "the head did not train");
    }

    @Test
    void theFreezeSurvivesTheModelZipAndTheConfigurationJsonExecutorsRebuildFrom() throws IOException {
        Network adapted = Transfer.adapt(mlp(1), plan("0", 0));
        fit(adapted, 5, 2);

        Network restored = roundTrip(adapted);
        Network rebuilt = NetworkConfiguration.fromJson(adapted.configuration().toJson()).build();
        assertEquals(List.of("layer0"), Transfer.frozenLayers(restored));
        assertEquals(List.of("layer0"), Transfer.frozenLayers(rebuilt));
        assertEquals(adapted.params(), restored.params());
        assertEquals(adapted.updaterState().orElseThrow(), restored.updaterState().orElseThrow());

        List<INDArray> before = frozenCopies(restored);
        fit(restored, 5, 3);
        assertEquals(before, Transfer.frozenParameters(restored), "a restored frozen layer trained");
    }

    @Test
    void aFrozenLayerHasNoOptimizerStateAndNoPenalty() {
        Network whole = Transfer.adapt(mlp(1), plan(null, 0));
        Network frozen = Transfer.adapt(mlp(1), plan("layer1", 0));
        long frozenParams = Transfer.frozenParameters(frozen).stream().mapToLong(INDArray::length).sum();

        assertEquals(whole.updaterState().orElseThrow().length() - 2 * frozenParams, frozen.updaterState().orElseThrow().length(),
                "Adam keeps two numbers per trainable parameter and none for frozen ones");
        assertTrue(whole.regularizationScore() > frozen.regularizationScore(), "L2 still penalises frozen weights");
    }

    @Test
    void aFreshHeadIsSeededByThePlanAndEverythingElseIsCopied() {
        Network source = mlp(1);
        Network a = Transfer.adapt(source, plan(null, 3));
        Network b = Transfer.adapt(source, plan(null, 3));
        Network other = Transfer.adapt(source, new Transfer.Plan(Optional.empty(), 3, new Adam(1e-2), 12L));

        assertEquals(a.params(), b.params(), "same seed, same head");
        assertNotEquals(a.layers()[2].params(), other.layers()[2].params(), "another seed, another head");
        assertEquals(source.layers()[1].params(), a.layers()[1].params());
        assertTrue(Transfer.frozenLayers(a).isEmpty());
    }

    @Test
    void anInitModelWithFrozenLayersIsUnfrozenBeforeTheNewPlanApplies() {
        Network once = Transfer.adapt(mlp(1), plan("layer1", 0));
        Network again = Transfer.adapt(once, plan("layer0", 0));
        assertEquals(List.of("layer0"), Transfer.frozenLayers(again));
        assertEquals(once.params(), again.params());
    }

    @Test
    void badPlansAreRefusedInOneLine() {
        Network source = mlp(1);
        String unknown = assertThrows(IllegalArgumentException.class, () -> Transfer.adapt(source, plan("conv9", 0))).getMessage();
        assertEquals("--freeze-up-to conv9: the init model has no such layer; its layers are 0 layer0, 1 layer1, 2 layer2", unknown);
        assertThrows(IllegalArgumentException.class, () -> Transfer.adapt(source, plan("7", 0)));
        String head = assertThrows(IllegalArgumentException.class, () -> Transfer.adapt(source, plan("layer2", 0))).getMessage();
        assertTrue(head.contains("would freeze the output layer layer2"), head);
        assertFalse(head.contains("\n"));
    }

    @Test
    void aGraphFreezesTheNamedVertexAndEverythingItReadsFromAndTrainsTheRest() throws IOException {
        Network source = resnet(1);
        List<String> names = Transfer.layerNames(source);
        Network adapted = Transfer.adapt(source, plan(names.get(2), 7));

        List<String> frozen = Transfer.frozenLayers(adapted);
        assertTrue(frozen.contains(names.get(0)) && frozen.contains(names.get(2)), frozen.toString());
        assertFalse(frozen.contains(names.get(names.size() - 1)));
        assertEquals(7, adapted.outputSize());
        List<INDArray> before = frozenCopies(adapted);
        INDArray all = adapted.params().dup();

        fit(adapted, 7, 3);
        assertEquals(before, Transfer.frozenParameters(adapted), "frozen graph parameters moved");
        assertNotEquals(all, adapted.params(), "nothing trained");
        Network restored = roundTrip(adapted);
        assertEquals(frozen, Transfer.frozenLayers(restored));
        assertArrayEquals(adapted.params().toDoubleVector(), restored.params().toDoubleVector());
    }
}
