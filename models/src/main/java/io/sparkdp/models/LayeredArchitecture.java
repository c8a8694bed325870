package io.sparkdp.models;

import io.sparkdp.models.network.NetworkConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** An architecture that is a stack of layers: a DL4J {@code MultiLayerNetwork}. */
public interface LayeredArchitecture extends Architecture {
    /** A complete DL4J configuration for this request. */
    MultiLayerConfiguration configure(ModelRequest request);

    @Override
    default NetworkConfiguration network(ModelRequest request) {
        return NetworkConfiguration.of(configure(request));
    }
}
