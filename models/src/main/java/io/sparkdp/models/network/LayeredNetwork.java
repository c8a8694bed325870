package io.sparkdp.models.network;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A DL4J {@code MultiLayerNetwork} as a {@link Network}. A network that is one variational
 * autoencoder layer trains by its pretraining gradient and outputs its reconstruction
 * ({@link VariationalTraining}).
 */
public final class LayeredNetwork implements Network {
    private final MultiLayerNetwork network;
    private final boolean variational;

    LayeredNetwork(MultiLayerNetwork network) {
        if (network.params() == null) {
            throw new IllegalArgumentException("the network must be initialised (init()) before sparkdp trains it");
        }
        this.network = network;
        this.variational = VariationalTraining.applies(network);
        if (variational) {
            VariationalTraining.useLayerUpdater(network);
        }
    }

    @Override
    public Model model() {
        return network;
    }

    @Override
    public NetworkConfiguration configuration() {
        return NetworkConfiguration.of(network.getLayerWiseConfigurations());
    }

    @Override
    public DataType dataType() {
        return network.getLayerWiseConfigurations().getDataType();
    }

    @Override
    public INDArray params() {
        return network.params();
    }

    @Override
    public long numParams() {
        return network.numParams();
    }

    @Override
    public Optional<INDArray> updaterState() {
        return Optional.ofNullable(network.getUpdater().getStateViewArray());
    }

    @Override
    public INDArray gradientView() {
        if (network.getGradientsViewArray() == null) {
            network.initGradientsView();
        }
        return network.getGradientsViewArray();
    }

    @Override
    public int iteration() {
        return network.getIterationCount();
    }

    @Override
    public int epoch() {
        return network.getEpochCount();
    }

    @Override
    public void incrementEpochCount() {
        network.incrementEpochCount();
    }

    @Override
    public void setCounts(int iteration, int epoch) {
        setCounts(network, iteration, epoch);
    }

    /** Sets the step and epoch counters of {@code network} and of every layer, as DL4J's fit keeps them. */
    static void setCounts(MultiLayerNetwork network, int iteration, int epoch) {
        network.setIterationCount(iteration);
        network.setEpochCount(epoch);
        for (Layer layer : network.getLayers()) {
            layer.setIterationCount(iteration);
            layer.setEpochCount(epoch);
        }
    }

    @Override
    public double computeGradientAndScore(DataSet batch) {
        if (variational) {
            return VariationalTraining.computeGradientAndScore(network, batch.getFeatures());
        }
        network.setInput(batch.getFeatures());
        network.setLabels(batch.getLabels());
        // As fit does: sequences' masks for the pass, then none left behind for the next batch.
        network.setLayerMaskArrays(batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
        try {
            network.computeGradientAndScore();
            return network.score();
        } finally {
            network.clearLayerMaskArrays();
        }
    }

    @Override
    public double fit(DataSet batch) {
        if (variational) {
            // DL4J's fit would skip the decoder: one step as the driver takes it, listeners (clipping) first.
            double score = computeGradientAndScore(batch);
            network.getListeners().forEach(listener -> listener.onGradientCalculation(network));
            applyGradient(gradientView(), batch.numExamples());
            return score;
        }
        network.fit(batch);
        return network.score();
    }

    @Override
    public INDArray output(INDArray features) {
        return variational ? VariationalTraining.output(network, features) : network.output(features, false);
    }

    @Override
    public INDArray output(DataSet batch) {
        if (variational) {
            return VariationalTraining.output(network, batch.getFeatures());
        }
        return network.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
    }

    @Override
    public INDArray scoreExamples(DataSet batch) {
        return variational ? VariationalTraining.scoreExamples(network, batch.getFeatures()) : network.scoreExamples(batch, false);
    }

    @Override
    public double regularizationScore() {
        return network.calcRegularizationScore(true);
    }

    @Override
    public void runUpdater(int iteration, int epoch, int batchSize) {
        if (variational) {
            VariationalTraining.runUpdater(network, iteration, epoch, batchSize);
            return;
        }
        network.getUpdater().update(network, layerwise(), iteration, epoch, batchSize, LayerWorkspaceMgr.noWorkspaces());
    }

    /** The gradient view keyed as DL4J's backprop keys it, by layer index ("0_W"). */
    private Gradient layerwise() {
        return GradientViews.keyed(network.getGradientsViewArray(), network.getLayers(), String::valueOf);
    }

    @Override
    public Layer[] layers() {
        return network.getLayers();
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer outputLayer() {
        return network.getLayerWiseConfigurations().getConf(network.getnLayers() - 1).getLayer();
    }

    @Override
    public long outputSize() {
        return variational ? VariationalTraining.outputSize(network) : network.layerSize(network.getnLayers() - 1);
    }

    @Override
    public void setListeners(List<TrainingListener> listeners) {
        network.setListeners(listeners);
    }

    @Override
    public void clear() {
        if (variational) {
            VariationalTraining.clear(network);
            return;
        }
        network.clear();
    }

    @Override
    public Network copy() {
        return new LayeredNetwork(network.clone());
    }

    @Override
    public MultiLayerNetwork asMultiLayer() {
        return network;
    }
}
