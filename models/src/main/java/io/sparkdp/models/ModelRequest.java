package io.sparkdp.models;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Everything an architecture needs to build a network.
 *
 * @param input      shape of one example
 * @param numClasses number of outputs: classes (at least 2), or regression targets (at least 1)
 * @param seed       seed of the weight initialisation
 * @param optimizer  the optimizer baked into the DL4J configuration
 * @param dataType   floating-point type of parameters and activations (FLOAT for training,
 *                   DOUBLE where a test needs exact arithmetic)
 * @param options    model arguments, loss, weight initialisation and penalties
 * @param regression whether the outputs are real-valued targets (an identity output trained with
 *                   MSE or MAE) rather than classes
 * @param sequences  whether examples are sequences ({@code input} is then {@code features x 1 x
 *                   steps}), and whether they have a class per sequence or per time step
 */
public record ModelRequest(InputShape input, int numClasses, long seed, OptimizerConfig optimizer, DataType dataType,
                           ModelOptions options, boolean regression, SequenceLabels sequences) {
    public ModelRequest {
        if (input == null || optimizer == null || dataType == null || options == null || sequences == null) {
            throw new IllegalArgumentException("input, optimizer, dataType, options and sequences are required");
        }
        if (numClasses < (regression ? 1 : 2)) {
            throw new IllegalArgumentException(regression ? "a regression model needs at least 1 target, got " + numClasses
                    : "a classifier needs at least 2 classes, got " + numClasses);
        }
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("network data type must be floating point, got " + dataType);
        }
    }

    /** A model of flat examples. */
    public ModelRequest(InputShape input, int numClasses, long seed, OptimizerConfig optimizer, DataType dataType,
                        ModelOptions options, boolean regression) {
        this(input, numClasses, seed, optimizer, dataType, options, regression, SequenceLabels.NONE);
    }

    /** A classifier of {@code numClasses} classes. */
    public ModelRequest(InputShape input, int numClasses, long seed, OptimizerConfig optimizer, DataType dataType,
                        ModelOptions options) {
        this(input, numClasses, seed, optimizer, dataType, options, false);
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
        return new ModelRequest(input, numClasses, seed, optimizer, dataType, other, regression, sequences);
    }

    /** A request of the same input, seed, optimizer and options for a regression model of {@code targets} outputs. */
    public ModelRequest forRegression(int targets) {
        return new ModelRequest(input, targets, seed, optimizer, dataType, options, true, sequences);
    }

    /** This request for examples that are sequences labelled as {@code labels} says. */
    public ModelRequest forSequences(SequenceLabels labels) {
        return new ModelRequest(input, numClasses, seed, optimizer, dataType, options, regression, labels);
    }
}
