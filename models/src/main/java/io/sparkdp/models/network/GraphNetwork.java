package io.sparkdp.models.network;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A DL4J {@code ComputationGraph} of one input and one output as a {@link Network}. Its layers
 * are vertices keyed by name, so its per-parameter gradients are keyed {@code <vertex>_<param>},
 * as the graph's own backpropagation keys them.
 */
public final class GraphNetwork implements Network {
    private final ComputationGraph graph;
    private final String output;

    GraphNetwork(ComputationGraph graph) {
        this(graph, true);
    }

    /** With {@code oneInput} false, a graph of several inputs, which its owner ({@link SiameseNetwork}) feeds itself. */
    GraphNetwork(ComputationGraph graph, boolean oneInput) {
        if (graph.params() == null) {
            throw new IllegalArgumentException("the graph must be initialised (init()) before sparkdp trains it");
        }
        if (oneInput) {
            NetworkConfiguration.checkOneInputOneOutput(graph.getConfiguration());
        }
        this.graph = graph;
        this.output = graph.getConfiguration().getNetworkOutputs().get(0);
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
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.setLayerMaskArrays(masks(batch.getFeaturesMaskArray()), masks(batch.getLabelsMaskArray()));
        try {
            graph.computeGradientAndScore();
            return graph.score();
        } finally {
            graph.clearLayerMaskArrays();
        }
    }

    @Override
    public double fit(DataSet batch) {
        graph.fit(batch);
        return graph.score();
    }

    @Override
    public INDArray output(INDArray features) {
        return graph.outputSingle(false, features);
    }

    @Override
    public INDArray output(DataSet batch) {
        INDArray[] features = {batch.getFeatures()};
        return graph.output(false, features, masks(batch.getFeaturesMaskArray()), masks(batch.getLabelsMaskArray()))[0];
    }

    /** The graph's one input's (or output's) mask, as its array-taking methods want it; none for no mask. */
    private static INDArray[] masks(INDArray mask) {
        return mask == null ? null : new INDArray[] {mask};
    }

    @Override
    public INDArray scoreExamples(DataSet batch) {
        return graph.scoreExamples(batch, false);
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
        return graph.getLayer(output).conf().getLayer();
    }

    @Override
    public long outputSize() {
        return graph.layerSize(output);
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
