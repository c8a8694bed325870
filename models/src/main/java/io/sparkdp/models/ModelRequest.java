package io.sparkdp.models;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Everything an architecture needs to build a network.
 *
 * @param input      shape of one example
 * @param numClasses number of output classes, at least 2
 * @param seed       seed of the weight initialisation
 * @param optimizer  the optimizer baked into the DL4J configuration
 * @param dataType   floating-point type of parameters and activations (FLOAT for training,
 *                   DOUBLE where a test needs exact arithmetic)
 * @param options    model arguments, loss, weight initialisation and penalties
 */
public record ModelRequest(InputShape input, int numClasses, long seed, OptimizerConfig optimizer, DataType dataType,
                           ModelOptions options) {
    public ModelRequest {
        if (input == null || optimizer == null || dataType == null || options == null) {
            throw new IllegalArgumentException("input, optimizer, dataType and options are required");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + numClasses);
        }
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("network data type must be floating point, got " + dataType);
        }
    }

    /** A request for the model as it is described, without arguments or penalties. */
    public ModelRequest(InputShape input, int numClasses, long seed, OptimizerConfig optimizer, DataType dataType) {
        this(input, numClasses, seed, optimizer, dataType, ModelOptions.defaults());
    }

    /** A FLOAT network with the given shape, classes, seed and optimizer. */
    public static ModelRequest of(InputShape input, int numClasses, long seed, OptimizerConfig optimizer) {
        return new ModelRequest(input, numClasses, seed, optimizer, DataType.FLOAT);
    }

    /** This request with other options. */
    public ModelRequest with(ModelOptions other) {
        return new ModelRequest(input, numClasses, seed, optimizer, dataType, other);
    }
}
