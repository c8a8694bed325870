package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.network.Network;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code lstm} and {@code bilstm}: they read sequences of {@code features x 1 x steps} and only
 * those, read each sequence at its last real step under the padding mask, and give a class per
 * step for per-step labels; with {@code --task regression} an identity output trained with MSE,
 * per sequence or per step.
 */
class RecurrentModelsTest {
    private static final InputShape SHAPE = new InputShape(3, 1, 6);

    private static ModelRequest request(SequenceLabels labels) {
        return new ModelRequest(SHAPE, 4, 9L, OptimizerConfig.defaults(), DataType.DOUBLE, ModelOptions.defaults(), false,
                labels);
    }

    @Test
    void aSequenceIsClassifiedAtItsLastRealStepWhateverThePaddingHolds() {
        for (String name : List.of("lstm", "bilstm")) {
            MultiLayerNetwork network = ModelZoo.build(name, request(SequenceLabels.PER_SEQUENCE));
            assertInstanceOf(LastTimeStep.class, network.getLayerWiseConfigurations().getConf(0).getLayer(), name);
            assertInstanceOf(OutputLayer.class, network.getLayerWiseConfigurations().getConf(1).getLayer(), name);
            INDArray features = Nd4j.rand(DataType.DOUBLE, 2, 3, 6);
            INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1}});
            INDArray zeroPadded = features.dup();
            zeroPadded.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.interval(3, 6)).assign(0);

            INDArray output = Network.of(network).output(new DataSet(features, null, mask, null));
            INDArray again = Network.of(network).output(new DataSet(zeroPadded, null, mask, null));
            INDArray unmasked = network.output(features, false);

            assertArrayEquals(new long[] {2, 4}, output.shape(), name);
            assertEquals(output, again, name + ": padding does not reach the output");
            assertTrue(output.getRow(0).sub(unmasked.getRow(0)).amaxNumber().doubleValue() > 1e-6,
                    name + ": without the mask the padded steps would count");
            assertEquals(output.getRow(1), unmasked.getRow(1), name + ": a full sequence needs no mask");
        }
    }

    @Test
    void labelsPerStepGetAClassAtEveryStep() {
        for (String name : List.of("lstm", "bilstm")) {
            MultiLayerNetwork network = ModelZoo.build(name, request(SequenceLabels.PER_STEP));
            assertInstanceOf(RnnOutputLayer.class, network.getLayerWiseConfigurations().getConf(1).getLayer(), name);
            INDArray output = network.output(Nd4j.rand(DataType.DOUBLE, 2, 3, 6), false);
            assertArrayEquals(new long[] {2, 4, 6}, output.shape(), name);
            assertEquals(1.0, output.sum(1).getDouble(1, 5), 1e-9, name + ": a softmax per step");
        }
    }

    @Test
    void regressionGivesAnIdentityOutputPerSequenceOrPerStepAndGruRefusesPerStepTargets() {
        for (String name : List.of("lstm", "bilstm")) {
            ModelRequest perStep = request(SequenceLabels.PER_STEP).forRegression(2);
            MultiLayerNetwork steps = ModelZoo.build(name, perStep);
            RnnOutputLayer stepOutput = assertInstanceOf(RnnOutputLayer.class,
                    steps.getLayerWiseConfigurations().getConf(1).getLayer(), name);
            assertInstanceOf(ActivationIdentity.class, stepOutput.getActivationFn(), name);
            assertInstanceOf(LossMSE.class, stepOutput.getLossFn(), name);
            assertArrayEquals(new long[] {2, 2, 6}, steps.output(Nd4j.rand(DataType.DOUBLE, 2, 3, 6), false).shape(), name);

            MultiLayerNetwork sequences = ModelZoo.build(name, request(SequenceLabels.PER_SEQUENCE).forRegression(1));
            assertInstanceOf(LastTimeStep.class, sequences.getLayerWiseConfigurations().getConf(0).getLayer(), name);
            OutputLayer output = assertInstanceOf(OutputLayer.class, sequences.getLayerWiseConfigurations().getConf(1).getLayer());
            assertInstanceOf(ActivationIdentity.class, output.getActivationFn(), name);
        }
        ModelZoo.build("gru", request(SequenceLabels.PER_SEQUENCE).forRegression(1));
        IllegalArgumentException perStep = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("gru", request(SequenceLabels.PER_STEP).forRegression(1)));
        assertTrue(perStep.getMessage().contains("model gru labels whole sequences"), perStep.getMessage());
    }

    @Test
    void recurrentModelsReadOnlySequencesAndFlatModelsNone() {
        String flat = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("mlp", request(SequenceLabels.PER_SEQUENCE))).getMessage();
        assertEquals("model mlp reads flat examples; csvseq: sequences train a recurrent model: lstm, bilstm, gru, attention, forecast, seq2seq, siamese", flat);
        String recurrent = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("lstm", request(SequenceLabels.NONE))).getMessage();
        assertEquals("model lstm reads sequences: give it csvseq: data", recurrent);
    }

    @Test
    void gruReadsSequencesAndFlatExamplesButLabelsWholeSequencesOnly() {
        assertEquals(2, ModelZoo.build("gru", request(SequenceLabels.PER_SEQUENCE)).getnLayers(), "the GRU and its output");
        assertEquals(2, ModelZoo.build("gru", request(SequenceLabels.NONE)).getnLayers(), "flat examples: columns as steps");
        String perStep = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("gru", request(SequenceLabels.PER_STEP))).getMessage();
        assertEquals("model gru labels whole sequences; labels per time step train lstm, bilstm, forecast", perStep);
    }

    @Test
    void hiddenSizesStackLstmLayers() {
        ModelOptions defaults = ModelOptions.defaults();
        ModelRequest request = request(SequenceLabels.PER_SEQUENCE).with(new ModelOptions(java.util.Map.of("hidden", "8,5"),
                defaults.loss(), defaults.weightInit(), defaults.l1(), defaults.l2()));
        MultiLayerNetwork network = ModelZoo.build("bilstm", request);
        assertEquals(3, network.getnLayers());
        assertArrayEquals(new long[] {2, 4}, network.output(Nd4j.rand(DataType.DOUBLE, 2, 3, 6), false).shape());
    }
}
