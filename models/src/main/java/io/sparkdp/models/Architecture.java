package io.sparkdp.models;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** One named network architecture. Implementations are stateless. */
public interface Architecture {
    /** The name users pass to {@code --model}. */
    String name();

    /** One line for {@code sparkdp models} and for error messages. */
    String description();

    /** A complete DL4J configuration for this request. */
    MultiLayerConfiguration configure(ModelRequest request);
}
