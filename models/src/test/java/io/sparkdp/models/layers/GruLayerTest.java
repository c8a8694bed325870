package io.sparkdp.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.DoublePrecision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The GRU layer computes the GRU equations, honours masks, has exact gradients and persists. */
@ExtendWith(DoublePrecision.class)
class GruLayerTest {
    private static final int BATCH = 3;
    private static final int IN = 2;
    private static final int UNITS = 3;
    private static final int STEPS = 4;

    /** A GRU of {@link #UNITS} units under a per-step softmax output, in DOUBLE, without updates. */
    static MultiLayerNetwork gruNetwork(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new GruLayer(UNITS, true))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(2).build())
                .setInputType(InputType.recurrent(IN, STEPS))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        // Biases start at zero; random ones make the check and the reference cover them.
        Nd4j.getRandom().setSeed(seed);
        network.getLayer(0).getParam(GruLayer.INPUT_BIAS).assign(Nd4j.randn(DataType.DOUBLE, 1, 3 * UNITS).muli(0.5));
        network.getLayer(0).getParam(GruLayer.RECURRENT_BIAS).assign(Nd4j.randn(DataType.DOUBLE, 1, 3 * UNITS).muli(0.5));
        return network;
    }

    static INDArray sequences(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, BATCH, IN, STEPS);
    }

    /** One-hot labels per step, {@code [batch, 2, steps]}. */
    static INDArray stepLabels(long seed) {
        Random random = new Random(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, 2, STEPS);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                labels.putScalar(b, random.nextInt(2), t, 1.0);
            }
        }
        return labels;
    }

    /** Example 0 is whole, example 1 has 2 real steps, example 2 has 1. */
    static INDArray paddedMask() {
        return Nd4j.createFromArray(new double[][]{{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 0, 0, 0}});
    }

    private static INDArray gruOutput(MultiLayerNetwork network, INDArray input, INDArray mask) {
        network.setLayerMaskArrays(mask, null);
        INDArray output = network.feedForwardToLayer(0, input, false).get(1);
        network.clearLayerMaskArrays();
        return output;
    }

    @Test
    void theForwardPassIsTheGruEquations() {
        MultiLayerNetwork network = gruNetwork(1);
        INDArray input = sequences(2);

        INDArray output = gruOutput(network, input, null);

        assertArrayEquals(new long[]{BATCH, UNITS, STEPS}, output.shape());
        double[][][] expected = ReferenceGru.of(network.getLayer(0).paramTable()).run(input, null);
        assertClose(expected, output, 1e-10);
    }

    @Test
    void aMaskedStepKeepsTheStateAndOutputsZero() {
        MultiLayerNetwork network = gruNetwork(1);
        INDArray input = sequences(2);

        INDArray output = gruOutput(network, input, paddedMask());

        double[][][] expected = ReferenceGru.of(network.getLayer(0).paramTable()).run(input, paddedMask());
        assertClose(expected, output, 1e-10);
        assertEquals(0.0, output.getDouble(1, 0, 3), 0.0);
        assertEquals(0.0, output.getDouble(2, 2, 1), 0.0);
    }

    @Test
    void realStepsDoNotDependOnWhatThePaddingHolds() {
        MultiLayerNetwork network = gruNetwork(1);
        INDArray input = sequences(2);
        INDArray noisy = input.dup();
        noisy.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(2, STEPS)).assign(1e3);
        noisy.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(1, STEPS)).assign(-7);

        assertEquals(gruOutput(network, input, paddedMask()), gruOutput(network, noisy, paddedMask()));
        assertNotEquals(gruOutput(network, input, null), gruOutput(network, noisy, null));
    }

    @Test
    void theFinalStateIsTheStateAfterTheLastRealStep() {
        MultiLayerNetwork sequences = gruNetwork(1);
        GruLayer last = new GruLayer(UNITS, false);
        last.setNIn(IN);
        last.setTimeSteps(STEPS);
        MultiLayerNetwork finalState = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new NoOp()).list()
                .layer(last)
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(UNITS).nOut(2).build())
                .build());
        finalState.init();
        finalState.getLayer(0).setParams(sequences.getLayer(0).params());
        INDArray input = sequences(2);

        INDArray states = gruOutput(finalState, input, paddedMask());
        INDArray all = gruOutput(sequences, input, null);

        assertArrayEquals(new long[]{BATCH, UNITS}, states.shape());
        int[] lastReal = {3, 1, 0};
        for (int b = 0; b < BATCH; b++) {
            assertEquals(all.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(lastReal[b])),
                    states.getRow(b), "example " + b);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MultiLayerNetwork network = gruNetwork(3);

        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(network)
                .input(sequences(4)).labels(stepLabels(5))));
    }

    @Test
    void gradientsMatchFiniteDifferencesWithAPaddingMask() {
        MultiLayerNetwork network = gruNetwork(3);

        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(network)
                .input(sequences(4)).labels(stepLabels(5)).inputMask(paddedMask()).labelMask(paddedMask())));
    }

    /**
     * Why {@link ReverseModeGradients} exists: the same graph differentiated by SameDiff's own
     * scheduler gets no gradient at all. When a DL4J upgrade makes this fail, the workaround can go.
     */
    @Test
    void sameDiffsOwnSchedulerLosesTheGradientsOfThisGraph() {
        MultiLayerNetwork network = gruNetwork(3);
        network.initGradientsView();
        org.deeplearning4j.nn.layers.samediff.SameDiffLayer plain = new org.deeplearning4j.nn.layers.samediff.SameDiffLayer(
                network.getLayer(0).conf(), DataType.DOUBLE);
        plain.setParamsViewArray(network.getLayer(0).params());
        plain.setParamTable(network.getLayer(0).paramTable());
        plain.setBackpropGradientsViewArray(Nd4j.zeros(DataType.DOUBLE, 1, network.getLayer(0).numParams()));
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        plain.setInput(sequences(4), noWorkspaces);
        INDArray output = plain.activate(true, noWorkspaces);

        INDArray plainGradient = plain.backpropGradient(Nd4j.onesLike(output), noWorkspaces).getFirst().gradient();
        network.getLayer(0).setInput(sequences(4), noWorkspaces);
        network.getLayer(0).activate(true, noWorkspaces);
        INDArray ours = network.getLayer(0).backpropGradient(Nd4j.onesLike(output), noWorkspaces).getFirst().gradient();

        assertEquals(0.0, plainGradient.norm2Number().doubleValue(), 0.0);
        assertTrue(ours.norm2Number().doubleValue() > 0.1, "reverse-mode gradient norm " + ours.norm2Number());
    }

    @Test
    void aSequenceOfAnotherLengthIsRefusedWithTheExpectedShape() {
        MultiLayerNetwork network = gruNetwork(1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> network.output(Nd4j.rand(DataType.DOUBLE, BATCH, IN, STEPS + 1)));

        assertTrue(error.getMessage().contains("[batch, 2, 4]"), error.getMessage());
    }

    @Test
    void theConfigurationSurvivesJson() {
        MultiLayerConfiguration conf = gruNetwork(1).getLayerWiseConfigurations();

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());

        assertEquals(conf, restored);
        assertEquals(conf.toJson(), restored.toJson());
        GruLayer layer = (GruLayer) restored.getConf(0).getLayer();
        assertEquals(IN, layer.getNIn());
        assertEquals(STEPS, layer.getTimeSteps());
    }

    @Test
    void aSavedNetworkLoadsWithIdenticalOutputs() throws IOException {
        MultiLayerNetwork network = gruNetwork(1);
        INDArray input = sequences(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, bytes, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);

        assertEquals(network.params(), restored.params());
        assertEquals(network.output(input), restored.output(input));
        assertEquals(gruOutput(network, input, paddedMask()), gruOutput(restored, input, paddedMask()));
    }

    private static void assertClose(double[][][] expected, INDArray actual, double tolerance) {
        for (int b = 0; b < expected.length; b++) {
            for (int u = 0; u < expected[b].length; u++) {
                for (int t = 0; t < expected[b][u].length; t++) {
                    assertEquals(expected[b][u][t], actual.getDouble(b, u, t), tolerance, "[" + b + ", " + u + ", " + t + "]");
                }
            }
        }
    }
}
