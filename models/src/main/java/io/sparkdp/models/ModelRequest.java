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
 */
public record ModelRequest(InputShape input, int numClasses, long seed, OptimizerConfig optimizer, DataType dataType) {
    public ModelRequest {
        if (input == null || optimizer == null || dataType == null) {
            throw new IllegalArgumentException("input, optimizer and dataType are required");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + numClasses);
        }
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("network data type must be floating point, got " + dataType);
        }
    }

    /** A FLOAT network with the given shape, classes, seed and optimizer. */
    public static ModelRequest of(InputShape input, int numClasses, long seed, OptimizerConfig optimizer) {
        return new ModelRequest(input, numClasses, seed, optimizer, DataType.FLOAT);
    }
}
