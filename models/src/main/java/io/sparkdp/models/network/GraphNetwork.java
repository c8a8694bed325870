package io.sparkdp.models.network;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A DL4J {@code ComputationGraph} as a {@link Network}, of any number of inputs and outputs, each
 * minibatch cut into them by columns as its {@link GraphFeed} says. Its layers are vertices keyed
 * by name, so its per-parameter gradients are keyed {@code <vertex>_<param>}, as the graph's own
 * backpropagation keys them. The graphs that feed themselves ({@link Seq2SeqNetwork},
 * {@link SiameseNetwork}) keep their flat views here too.
 */
public final class GraphNetwork implements Network {
    private final ComputationGraph graph;
    private final GraphFeed feed;

    GraphNetwork(ComputationGraph graph) {
        if (graph.params() == null) {
            throw new IllegalArgumentException("the graph must be initialised (init()) before sparkdp trains it");
        }
        this.graph = graph;
        this.feed = GraphFeed.of(graph.getConfiguration());
    }

    @Override
    public Model model() {
        return graph;
    }

    @Override
    public NetworkConfiguration configuration() {
        return NetworkConfiguration.of(graph.getConfiguration());
    }

    @Override
    public DataType dataType() {
        return graph.getConfiguration().getDataType();
    }

    @Override
    public INDArray params() {
        return graph.params();
    }

    @Override
    public long numParams() {
        return graph.numParams();
    }

    @Override
    public Optional<INDArray> updaterState() {
        return Optional.ofNullable(graph.getUpdater().getStateViewArray());
    }

    @Override
    public INDArray gradientView() {
        if (graph.getGradientsViewArray() == null) {
            graph.initGradientsView();
        }
        return graph.getGradientsViewArray();
    }

    @Override
    public int iteration() {
        return graph.getIterationCount();
    }

    @Override
    public int epoch() {
        return graph.getEpochCount();
    }

    @Override
    public void incrementEpochCount() {
        graph.incrementEpochCount();
    }

    @Override
    public void setCounts(int iteration, int epoch) {
        graph.getConfiguration().setIterationCount(iteration);
        graph.getConfiguration().setEpochCount(epoch);
        for (Layer layer : graph.getLayers()) {
            layer.setIterationCount(iteration);
            layer.setEpochCount(epoch);
        }
    }

    @Override
    public double computeGradientAndScore(DataSet batch) {
        return computeGradientAndScore(feed.of(batch));
    }

    /**
     * The gradient of {@code fed}, the graph's own inputs, labels and masks, into the gradient
     * view; its mean loss. The graphs that feed themselves ({@link Seq2SeqNetwork},
     * {@link SiameseNetwork}) compute theirs here too.
     */
    double computeGradientAndScore(MultiDataSet fed) {
        graph.setInputs(fed.getFeatures());
        graph.setLabels(fed.getLabels());
        graph.setLayerMaskArrays(fed.getFeaturesMaskArrays(), fed.getLabelsMaskArrays());
        try {
            graph.computeGradientAndScore();
            return graph.score();
        } finally {
            graph.clearLayerMaskArrays();
        }
    }

    @Override
    public double fit(DataSet batch) {
        graph.fit(feed.of(batch));
        return graph.score();
    }

    @Override
    public INDArray output(INDArray features) {
        return feed.prediction(graph.output(false, feed.inputs(features)));
    }

    @Override
    public INDArray output(DataSet batch) {
        return feed.prediction(graph.output(false, feed.inputs(batch.getFeatures()), feed.inputMasks(batch.getFeaturesMaskArray()),
                feed.labelMasks(batch.getLabelsMaskArray())));
    }

    @Override
    public INDArray scoreExamples(DataSet batch) {
        MultiDataSet fed = feed.of(batch);
        return feed.outputs().size() == 1 ? graph.scoreExamples(fed, false) : scoreEachOutput(fed);
    }

    /**
     * The loss of each example summed over the graph's outputs. DL4J's own {@code scoreExamples}
     * fails on graphs of several outputs in 1.0.0-M2 (an output layer is left without its input),
     * so this runs one forward pass and asks each output layer for its losses.
     */
    private INDArray scoreEachOutput(MultiDataSet fed) {
        graph.setLayerMaskArrays(fed.getFeaturesMaskArrays(), fed.getLabelsMaskArrays());
        try {
            graph.feedForward(fed.getFeatures(), false, false);
            INDArray sum = null;
            for (int i = 0; i < feed.outputs().size(); i++) {
                String name = feed.outputs().get(i).name();
                ((IOutputLayer) graph.getLayer(name)).setLabels(fed.getLabels(i));
                INDArray losses = ((LayerVertex) graph.getVertex(name)).computeScoreForExamples(0, LayerWorkspaceMgr.noWorkspaces());
                sum = sum == null ? losses.dup() : sum.addi(losses);
            }
            return sum;
        } finally {
            graph.clearLayerMaskArrays();
            graph.clear();
        }
    }

    @Override
    public double regularizationScore() {
        return graph.calcRegularizationScore(true);
    }

    @Override
    public void runUpdater(int iteration, int epoch, int batchSize) {
        graph.getUpdater().update(layerwise(), iteration, epoch, batchSize, LayerWorkspaceMgr.noWorkspaces());
    }

    /** The gradient view keyed as the graph's backprop keys it, by vertex name ("s1b1_conv1_W"). */
    private Gradient layerwise() {
        Layer[] layers = graph.getLayers();
        return GradientViews.keyed(graph.getGradientsViewArray(), layers, i -> layers[i].conf().getLayer().getLayerName());
    }

    @Override
    public Layer[] layers() {
        return graph.getLayers();
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer outputLayer() {
        return graph.getLayer(feed.outputs().get(0).name()).conf().getLayer();
    }

    @Override
    public long outputSize() {
        return feed.outputs().size() == 1 ? graph.layerSize(feed.outputs().get(0).name()) : feed.predictionWidth();
    }

    @Override
    public void setListeners(List<TrainingListener> listeners) {
        graph.setListeners(listeners);
    }

    @Override
    public void clear() {
        graph.clear();
    }

    @Override
    public Network copy() {
        return new GraphNetwork(graph.clone());
    }

    @Override
    public MultiLayerNetwork asMultiLayer() {
        throw new IllegalStateException("this model is a ComputationGraph, not a MultiLayerNetwork; read it through Network");
    }

    /** The graph itself. */
    public ComputationGraph graph() {
        return graph;
    }
}
