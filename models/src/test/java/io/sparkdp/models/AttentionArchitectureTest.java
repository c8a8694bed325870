package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.layers.FlatSequencePreProcessor;
import io.sparkdp.models.layers.FlattenStepsPreProcessor;
import io.sparkdp.models.layers.LearnedQueryAttentionLayer;
import io.sparkdp.models.layers.MultiHeadSelfAttentionLayer;
import io.sparkdp.models.layers.SequenceEmbeddingLayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The attention classifier: its layers, that padding never reaches its output, that its gradients
 * agree with finite differences with and without masks (DL4J's own attention layers do not in
 * 1.0.0-M2: a test keeps showing it), and its persistence.
 */
@ExtendWith(DoublePrecision.class)
class AttentionArchitectureTest {
    /** Sequences of 4 steps of 2 features, as the sequence pipeline declares them. */
    private static final InputShape SEQUENCE = new InputShape(2, 1, 4);
    private static final int BATCH = 3;
    private static final Map<String, String> SMALL = Map.of("width", "4", "heads", "2", "headsize", "3", "hidden", "5");

    /** A DOUBLE attention classifier of {@code args}, without updates so that the gradient check may use it. */
    private static MultiLayerNetwork attention(Map<String, String> args) {
        ModelRequest request = new ModelRequest(SEQUENCE, 2, 11L, OptimizerConfig.defaults(), DataType.DOUBLE,
                new ModelOptions(args, "auto", "auto", 0, 0), false, SequenceLabels.PER_SEQUENCE);
        return withoutUpdates(ModelZoo.configure("attention", request));
    }

    private static MultiLayerNetwork withoutUpdates(MultiLayerConfiguration conf) {
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i).getLayer() instanceof BaseLayer layer) {
                layer.setIUpdater(new NoOp());
            } else if (conf.getConf(i).getLayer() instanceof AbstractSameDiffLayer layer) {
                layer.setUpdater(new NoOp());
            }
        }
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static INDArray sequences(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, BATCH, 2, 4);
    }

    private static INDArray classes() {
        return Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}, {0, 1}});
    }

    /** Example 0 is whole, example 1 has 2 real steps, example 2 has 1. */
    private static INDArray paddedMask() {
        return Nd4j.createFromArray(new double[][]{{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 0, 0, 0}});
    }

    private static boolean gradientsMatch(MultiLayerNetwork network, INDArray mask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(network).input(sequences(2))
                .labels(classes()).inputMask(mask));
    }

    @Test
    void itIsAnEmbeddingSelfAttentionLearnedQueryPoolingDenseAndSoftmax() {
        MultiLayerConfiguration conf = attention(Map.of("width", "6", "heads", "3", "headsize", "2", "layers", "2",
                "queries", "2", "hidden", "7", "dropout", "0.1")).getLayerWiseConfigurations();

        assertEquals(new FlatSequencePreProcessor(2, 4), conf.getInputPreProcess(0));
        SequenceEmbeddingLayer embedding = assertInstanceOf(SequenceEmbeddingLayer.class, conf.getConf(0).getLayer());
        assertEquals(4, embedding.getTimeSteps());
        assertEquals(6, embedding.getNOut());
        for (int i = 1; i <= 2; i++) {
            MultiHeadSelfAttentionLayer self = assertInstanceOf(MultiHeadSelfAttentionLayer.class, conf.getConf(i).getLayer());
            assertEquals(3, self.getNHeads());
            assertEquals(2, self.getHeadSize());
            assertEquals(6, self.getNOut());
        }
        LearnedQueryAttentionLayer pooling = assertInstanceOf(LearnedQueryAttentionLayer.class, conf.getConf(3).getLayer());
        assertEquals(2, pooling.getNQueries());
        assertEquals(new FlattenStepsPreProcessor(6, 2), conf.getInputPreProcess(4));
        assertEquals(12, assertInstanceOf(DenseLayer.class, conf.getConf(4).getLayer()).getNIn());
        assertEquals(7, assertInstanceOf(OutputLayer.class, conf.getConf(5).getLayer()).getNIn());
        assertFalse(attention(Map.of("positions", "off")).getLayerWiseConfigurations().getConf(0).getLayer()
                instanceof SequenceEmbeddingLayer, "positions=off drops the embedding");
    }

    @Test
    void anImageIsReadAsASequenceOfItsColumns() {
        ModelRequest image = ModelRequest.of(new InputShape(1, 28, 28), 10, 1L, OptimizerConfig.defaults());

        SequenceEmbeddingLayer layer = (SequenceEmbeddingLayer) ModelZoo.configure("attention", image).getConf(0).getLayer();

        assertEquals(28, layer.getNIn());
        assertEquals(28, layer.getTimeSteps());
        assertEquals(784, ModelZoo.network("attention", image).inputSize());
    }

    @Test
    void paddedStepsNeverReachTheOutput() {
        MultiLayerNetwork network = attention(Map.of("width", "4", "heads", "2", "headsize", "3", "layers", "2", "queries", "2"));
        INDArray clean = sequences(1);
        INDArray noisy = clean.dup();
        noisy.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(2, 4)).assign(50);
        noisy.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(1, 4)).assign(-3);

        INDArray masked = network.output(clean, false, paddedMask(), null);
        assertTrue(masked.equalsWithEps(network.output(noisy, false, paddedMask(), null), 1e-12), "padding is ignored");
        assertNotEquals(network.output(clean, false, null, null), network.output(noisy, false, null, null));
    }

    @Test
    void theOrderOfTheStepsMattersOnlyWithPositionEmbeddings() {
        INDArray forward = sequences(4);
        INDArray reversed = forward.dup();
        for (int t = 0; t < 4; t++) {
            reversed.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
                    .assign(forward.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(3 - t)));
        }
        MultiLayerNetwork ordered = attention(SMALL);
        Map<String, String> unordered = new java.util.HashMap<>(SMALL);
        unordered.put("positions", "off");
        MultiLayerNetwork set = attention(unordered);

        assertFalse(ordered.output(forward).equalsWithEps(ordered.output(reversed), 1e-6));
        assertTrue(set.output(forward).equalsWithEps(set.output(reversed), 1e-10), "without positions it sees a set");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        assertTrue(gradientsMatch(attention(SMALL), null));
    }

    @Test
    void gradientsOfAStackedModelWithSeveralQueriesOnPaddedSequencesMatchFiniteDifferences() {
        Map<String, String> args = new java.util.HashMap<>(SMALL);
        args.put("layers", "2");
        args.put("queries", "2");
        MultiLayerNetwork network = attention(args);
        network.setInput(sequences(2));
        network.setLabels(classes());
        network.setLayerMaskArrays(paddedMask(), null);
        network.computeGradientAndScore();
        network.gradient().gradientForVariable().forEach((name, gradient) ->
                assertTrue(gradient.norm2Number().doubleValue() > 0, name + " has a zero gradient"));

        assertTrue(gradientsMatch(network, paddedMask()));
    }

    @Test
    void dl4jsOwnSelfAttentionLayerGivesWrongGradientsInThisRelease() {
        // If this starts failing, DL4J's fused attention and SameDiff layer are right again: the
        // attention layers may go back to DL4J's graphs (see AttentionGraph and ReverseModeLayer).
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1).list()
                .layer(new SelfAttentionLayer.Builder().nOut(4).nHeads(2).headSize(3).projectInput(true).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder().nOut(2).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(2, 4)).build();

        assertFalse(gradientsMatch(withoutUpdates(conf), null));
    }

    @Test
    void aSavedClassifierLoadsWithIdenticalOutputs() throws IOException {
        MultiLayerNetwork network = attention(Map.of("width", "4", "heads", "2", "headsize", "3", "queries", "2"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, bytes, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);

        assertEquals(network.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        INDArray rows = sequences(3).reshape('c', BATCH, 8);
        assertArrayEquals(new long[]{BATCH, 2}, network.output(rows).shape());
        assertEquals(network.output(rows, false, paddedMask(), null), restored.output(rows, false, paddedMask(), null));
    }

    @Test
    void badArgumentsAreRefusedInOneLine() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.check("attention", new ModelOptions(Map.of("heads", "0"), "auto", "auto", 0, 0)));
        assertTrue(error.getMessage().contains("heads"), error.getMessage());
    }
}
