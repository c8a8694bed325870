package io.sparkdp.driver.strategy;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/** The step size a network's optimizer takes next, read from its own schedule (warmup included). */
public final class LearningRate {
    private LearningRate() {
    }

    /**
     * The learning rate of the first layer with an optimizer, at the network's current iteration
     * and epoch; NaN for a network with no trainable layer. sparkdp gives every layer the same one.
     */
    public static double current(MultiLayerNetwork network) {
        var layers = network.getLayerWiseConfigurations().getConfs();
        for (var conf : layers) {
            Layer layer = conf.getLayer();
            if (layer instanceof BaseLayer base && base.getIUpdater() != null) {
                IUpdater updater = base.getIUpdater();
                return updater.getLearningRate(network.getIterationCount(), network.getEpochCount());
            }
        }
        return Double.NaN;
    }
}
