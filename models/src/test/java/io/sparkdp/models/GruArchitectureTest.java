package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.layers.FlatSequencePreProcessor;
import io.sparkdp.models.layers.GruLayer;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.Transfer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/** The gru classifier: its layers, its input conventions, its gradients and its persistence. */
@ExtendWith(DoublePrecision.class)
class GruArchitectureTest {
    /** Sequences of 4 steps of 2 features, as the sequence pipeline declares them. */
    private static final InputShape SEQUENCE = new InputShape(2, 1, 4);
    private static final int BATCH = 3;

    /** A DOUBLE gru of {@code args}, without updates so that the gradient check may use it. */
    private static MultiLayerNetwork gru(Map<String, String> args) {
        ModelRequest request = new ModelRequest(SEQUENCE, 2, 11L, OptimizerConfig.defaults(), DataType.DOUBLE,
                new ModelOptions(args, "auto", "auto", 0, 0));
        MultiLayerConfiguration conf = ModelZoo.configure("gru", request);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i).getLayer() instanceof BaseLayer layer) {
                layer.setIUpdater(new NoOp());
            } else if (conf.getConf(i).getLayer() instanceof GruLayer layer) {
                layer.setUpdater(new NoOp());
            }
        }
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static INDArray flatRows(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, BATCH, SEQUENCE.size());
    }

    private static INDArray classes() {
        return Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}, {0, 1}});
    }

    /** Example 0 is whole, example 1 has 2 real steps, example 2 has 1. */
    private static INDArray paddedMask() {
        return Nd4j.createFromArray(new double[][]{{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 0, 0, 0}});
    }

    private static INDArray output(MultiLayerNetwork network, INDArray features, INDArray mask) {
        return network.output(features, false, mask, null);
    }

    @Test
    void itIsStackedGrusThenASoftmaxOutputReadingFlatRowsAsFeaturesOverSteps() {
        MultiLayerConfiguration conf = gru(Map.of("units", "5", "layers", "2", "dropout", "0.2")).getLayerWiseConfigurations();

        assertEquals(new FlatSequencePreProcessor(2, 4), conf.getInputPreProcess(0));
        GruLayer first = assertInstanceOf(GruLayer.class, conf.getConf(0).getLayer());
        GruLayer second = assertInstanceOf(GruLayer.class, conf.getConf(1).getLayer());
        OutputLayer output = assertInstanceOf(OutputLayer.class, conf.getConf(2).getLayer());
        assertEquals(2, first.getNIn());
        assertEquals(5, first.getNOut());
        assertEquals(5, second.getNIn());
        assertTrue(first.isReturnSequences());
        assertTrue(!second.isReturnSequences());
        assertEquals(5, output.getNIn());
        assertEquals(4, first.getTimeSteps());
        assertEquals(new Dropout(0.8), output.getIDropout());
    }

    @Test
    void weightInitialisationAndPenaltiesReachTheGruLayer() {
        ModelRequest request = ModelRequest.of(SEQUENCE, 2, 1L, OptimizerConfig.defaults())
                .with(new ModelOptions(Map.of(), "auto", "he", 0, 1e-4));

        GruLayer layer = (GruLayer) ModelZoo.configure("gru", request).getConf(0).getLayer();

        assertInstanceOf(WeightInitRelu.class, layer.getWeightInitFn());
        assertEquals(List.of(new L2Regularization(1e-4)), layer.getRegularization());
        assertTrue(layer.getRegularizationBias().isEmpty(), "biases are not penalised");
        assertInstanceOf(WeightInitXavier.class,
                ((GruLayer) ModelZoo.configure("gru", ModelRequest.of(SEQUENCE, 2, 1L, OptimizerConfig.defaults()))
                        .getConf(0).getLayer()).getWeightInitFn());
    }

    @Test
    void anImageIsReadAsASequenceOfItsColumns() {
        ModelRequest image = ModelRequest.of(new InputShape(1, 28, 28), 10, 1L, OptimizerConfig.defaults());

        GruLayer layer = (GruLayer) ModelZoo.configure("gru", image).getConf(0).getLayer();

        assertEquals(28, layer.getNIn());
        assertEquals(28, layer.getTimeSteps());
        assertEquals(784, ModelZoo.network("gru", image).inputSize(), "the data pipelines' flat examples fit it");
    }

    @Test
    void flatRowsAndFeaturesOverStepsGiveTheSameOutput() {
        MultiLayerNetwork network = gru(Map.of("units", "3"));
        INDArray flat = flatRows(1);

        INDArray fromFlat = output(network, flat, null);
        INDArray fromSequences = output(network, flat.reshape('c', BATCH, 2, 4), null);

        assertArrayEquals(new long[]{BATCH, 2}, fromFlat.shape());
        assertEquals(fromFlat, fromSequences);
    }

    @Test
    void theClassifierReadsTheLastRealStepAndIgnoresPadding() {
        MultiLayerNetwork network = gru(Map.of("units", "3", "layers", "2"));
        INDArray sequences = flatRows(1).reshape('c', BATCH, 2, 4);
        INDArray noisy = sequences.dup();
        noisy.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(2, 4)).assign(50);
        noisy.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(1, 4)).assign(-3);

        assertEquals(output(network, sequences, paddedMask()), output(network, noisy, paddedMask()));
        assertNotEquals(output(network, sequences, null), output(network, noisy, null));
    }

    @Test
    void gradientsOfTheClassifierMatchFiniteDifferences() {
        MultiLayerNetwork network = gru(Map.of("units", "3"));

        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(network)
                .input(flatRows(2)).labels(classes())));
    }

    @Test
    void gradientsOfAStackedClassifierOnPaddedSequencesMatchFiniteDifferences() {
        MultiLayerNetwork network = gru(Map.of("units", "3", "layers", "2"));

        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(network)
                .input(flatRows(2).reshape('c', BATCH, 2, 4)).labels(classes()).inputMask(paddedMask())));
    }

    @Test
    void aSavedClassifierLoadsWithIdenticalOutputs() throws IOException {
        MultiLayerNetwork network = gru(Map.of("units", "4", "layers", "2", "dropout", "0.3"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, bytes, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);

        assertEquals(network.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(output(network, flatRows(3), paddedMask()), output(restored, flatRows(3), paddedMask()));
    }

    @Test
    void aFrozenGruStaysBitIdenticalWhileANewHeadTrains() {
        ModelRequest request = new ModelRequest(SEQUENCE, 2, 5L, new OptimizerConfig("adam", 0.01), DataType.DOUBLE,
                new ModelOptions(Map.of("units", "3"), "auto", "auto", 0, 0));
        Network source = ModelZoo.create("gru", request);
        Network adapted = Transfer.adapt(source, new Transfer.Plan(Optional.of("layer0"), 3, new Adam(0.01), 5L));
        INDArray frozen = adapted.layers()[0].params().dup();
        INDArray head = adapted.layers()[1].params().dup();
        INDArray labels = Nd4j.createFromArray(new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});

        for (int step = 0; step < 3; step++) {
            adapted.fit(new DataSet(flatRows(step), labels));
        }

        assertEquals(List.of("layer0"), Transfer.frozenLayers(adapted));
        assertEquals(frozen, adapted.layers()[0].params());
        assertNotEquals(head, adapted.layers()[1].params());
    }

    @Test
    void rowsOfTheWrongSizeAreRefusedNamingTheExpectedShapes() {
        MultiLayerNetwork network = gru(Map.of("units", "3"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> network.output(Nd4j.rand(DataType.DOUBLE, BATCH, 7)));

        assertTrue(error.getMessage().contains("[batch, 8] or [batch, 2, 4]"), error.getMessage());
    }
}
