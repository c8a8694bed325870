package io.sparkdp.models.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Graphs of several inputs and outputs, fed from one features array and one labels array by
 * columns: each result is compared with DL4J's own graph fed the columns cut by hand.
 */
class GraphFeedTest {
    private static ComputationGraphConfiguration.GraphBuilder builder() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Adam(1e-2)).graphBuilder();
    }

    /** Inputs "top" (3 values) and "bottom" (2), merged; two softmax heads of 4 classes. */
    private static ComputationGraphConfiguration twoHeads() {
        return builder().addInputs("top", "bottom")
                .addLayer("top_dense", new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.TANH).build(), "top")
                .addLayer("bottom_dense", new DenseLayer.Builder().nIn(2).nOut(5).activation(Activation.TANH).build(), "bottom")
                .addVertex("merge", new MergeVertex(), "top_dense", "bottom_dense")
                .addLayer("main", new OutputLayer.Builder(LossFunction.MCXENT).nIn(10).nOut(4).activation(Activation.SOFTMAX).build(), "merge")
                .addLayer("aux", new OutputLayer.Builder(LossFunction.MCXENT).nIn(5).nOut(4).activation(Activation.SOFTMAX).build(), "top_dense")
                .setOutputs("main", "aux").build();
    }

    /** One input of 4 values; outputs of 1 and 2 regression targets. */
    private static ComputationGraphConfiguration twoTargets() {
        return builder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build(), "in")
                .addLayer("price", new OutputLayer.Builder(LossFunction.MSE).nIn(6).nOut(1).activation(Activation.IDENTITY).build(), "hidden")
                .addLayer("size", new OutputLayer.Builder(LossFunction.MSE).nIn(6).nOut(2).activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("price", "size").build();
    }

    private static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static INDArray columns(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
    }

    private static DataSet classified(int examples, int classes, int width) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, examples, classes);
        for (int i = 0; i < examples; i++) {
            labels.putScalar(i, i % classes, 1);
        }
        return new DataSet(Nd4j.rand(DataType.DOUBLE, examples, width), labels);
    }

    @Test
    void twoInputsReadTheirColumnsAndTwoHeadsOfOneWidthLearnTheSameLabels() {
        Network network = Network.of(init(twoHeads()));
        ComputationGraph reference = init(twoHeads());
        DataSet batch = classified(6, 4, 5);

        double score = network.computeGradientAndScore(batch);
        reference.setInputs(columns(batch.getFeatures(), 0, 3), columns(batch.getFeatures(), 3, 5));
        reference.setLabels(batch.getLabels(), batch.getLabels());
        reference.computeGradientAndScore();

        assertInstanceOf(GraphNetwork.class, network);
        assertEquals(reference.score(), score, 0);
        assertEquals(reference.getGradientsViewArray(), network.gradientView());
        assertEquals(4, network.outputSize());
        assertEquals(reference.output(false, columns(batch.getFeatures(), 0, 3), columns(batch.getFeatures(), 3, 5))[0],
                network.output(batch.getFeatures()), "the first head predicts");
        INDArray losses = network.scoreExamples(batch);
        assertEquals(6, losses.length());
        assertEquals(reference.score(), losses.meanNumber().doubleValue(), 1e-12, "each example's loss summed over both heads");
    }

    @Test
    void fitTakesTheSameStepAsDl4jFedTheColumns() {
        Network network = Network.of(init(twoHeads()));
        ComputationGraph reference = init(twoHeads());
        DataSet batch = classified(8, 4, 5);

        network.fit(batch);
        reference.fit(new MultiDataSet(new INDArray[] {columns(batch.getFeatures(), 0, 3), columns(batch.getFeatures(), 3, 5)},
                new INDArray[] {batch.getLabels(), batch.getLabels()}));

        assertEquals(reference.params(), network.params());
    }

    @Test
    void outputsOfDifferentWidthsCutTheLabelsAndPredictSideBySide() {
        Network network = Network.of(init(twoTargets()));
        ComputationGraph reference = init(twoTargets());
        DataSet batch = new DataSet(Nd4j.rand(DataType.DOUBLE, 5, 4), Nd4j.rand(DataType.DOUBLE, 5, 3));

        double score = network.computeGradientAndScore(batch);
        reference.setInputs(batch.getFeatures());
        reference.setLabels(columns(batch.getLabels(), 0, 1), columns(batch.getLabels(), 1, 3));
        reference.computeGradientAndScore();

        assertEquals(reference.score(), score, 0);
        assertEquals(reference.getGradientsViewArray(), network.gradientView());
        assertEquals(3, network.outputSize());
        INDArray[] outputs = reference.output(batch.getFeatures());
        assertEquals(Nd4j.concat(1, outputs), network.output(batch.getFeatures()));
    }

    @Test
    void sequenceInputsReadTheirFeaturesPerStepUnderTheMask() {
        ComputationGraphConfiguration conf = builder().addInputs("a", "b")
                .setInputTypes(InputType.recurrent(2), InputType.recurrent(1))
                .addLayer("a_lstm", new LSTM.Builder().nIn(2).nOut(3).build(), "a")
                .addLayer("b_lstm", new LSTM.Builder().nIn(1).nOut(3).build(), "b")
                .addVertex("merge", new MergeVertex(), "a_lstm", "b_lstm")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(2).activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out").build();
        Network network = Network.of(init(conf));
        ComputationGraph reference = init(conf);
        INDArray features = Nd4j.rand(DataType.DOUBLE, 3, 3, 4);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, 2, 4);
        labels.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).assign(1);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 3, 4);
        mask.putScalar(0, 3, 0);
        DataSet batch = new DataSet(features, labels, mask, mask);

        network.computeGradientAndScore(batch);
        reference.setInputs(features.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all()).dup(),
                features.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 3), NDArrayIndex.all()).dup());
        reference.setLabels(labels);
        reference.setLayerMaskArrays(new INDArray[] {mask, mask}, new INDArray[] {mask});
        reference.computeGradientAndScore();

        assertEquals(reference.getGradientsViewArray(), network.gradientView());
        assertEquals(3, new NetworkConfiguration.Graph(conf).stepSize(), "2 + 1 features per step");
    }

    @Test
    void theConfigurationReadsTheInputsWidthsTogetherAndRoundTripsThroughJson() {
        NetworkConfiguration configuration = NetworkConfiguration.fromJson(twoHeads().toJson());

        assertEquals(5, configuration.inputSize());
        assertFalse(configuration.imageInput().isPresent());
        assertInstanceOf(GraphNetwork.class, configuration.build());
        assertTrue(GraphFeed.of(twoHeads()).sharedLabels());
        assertFalse(GraphFeed.of(twoTargets()).sharedLabels());
    }

    @Test
    void anInputOfUnknownWidthAmongSeveralIsRefusedInOneLine() {
        ComputationGraphConfiguration conf = builder().addInputs("a", "b")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(2).activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out").build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkConfiguration.fromJson(conf.toJson()));

        assertTrue(e.getMessage().startsWith("the graph's input 'a' does not feed exactly one layer of a known input width"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void featuresOfTheWrongWidthAreRefusedNamingEachInput() {
        Network network = Network.of(init(twoHeads()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network.computeGradientAndScore(classified(2, 4, 7)));

        assertEquals("the graph's inputs [top (3), bottom (2)] take 5 features together, but the data has 7", e.getMessage());
    }

    @Test
    void oneInputOneOutputPassesTheArraysThemselves() {
        GraphFeed feed = GraphFeed.of(builder().addInputs("in").setInputTypes(InputType.feedForward(4))
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build(), "in")
                .setOutputs("out").build());
        INDArray features = Nd4j.rand(DataType.DOUBLE, 2, 4);

        assertArrayEquals(new INDArray[] {features}, feed.inputs(features));
        assertTrue(feed.inputs(features)[0] == features, "no copy");
    }
}
