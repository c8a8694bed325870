package io.sparkdp.driver.strategy;

import io.sparkdp.models.network.Network;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The step size a network's optimizer takes next, read from its own schedule (warmup included). */
public final class LearningRate {
    private LearningRate() {
    }

    /**
     * The learning rate of the first layer with an optimizer, at the network's current iteration
     * and epoch; NaN for a network with no trainable layer. sparkdp gives every layer the same one.
     */
    public static double current(Network network) {
        return network.learningRate();
    }

    /** As {@link #current(Network)}, for a multi-layer network. */
    public static double current(MultiLayerNetwork network) {
        return current(Network.of(network));
    }
}
