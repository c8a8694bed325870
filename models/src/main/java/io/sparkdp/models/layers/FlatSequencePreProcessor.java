package io.sparkdp.models.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads flat example rows as sequences: a row of {@code features * steps} values, laid out
 * feature-major ({@code [f][t]}, so that an example of shape {@code channels x height x width}
 * flattened channel-major is {@code channels * height} features over {@code width} steps), becomes
 * DL4J's recurrent NCW {@code [batch, features, steps]}. Input that is already
 * {@code [batch, features, steps]} passes through, and so does a features mask {@code [batch, steps]}.
 * Gradients flow back in the flat layout.
 */
public class FlatSequencePreProcessor extends BaseInputPreProcessor {
    private long features;
    private long steps;

    /** For JSON deserialisation only. */
    protected FlatSequencePreProcessor() {
    }

    /** Rows of {@code features * steps} values read as {@code steps} steps of {@code features} each. */
    public FlatSequencePreProcessor(long features, long steps) {
        if (features < 1 || steps < 1) {
            throw new IllegalArgumentException("a sequence needs at least 1 feature and 1 step, got " + features + "x" + steps);
        }
        this.features = features;
        this.steps = steps;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() == 3 && input.size(1) == features && input.size(2) == steps) {
            return input;
        }
        if (input.rank() != 2 || input.size(1) != features * steps) {
            throw new IllegalArgumentException("sequence input must be [batch, " + features * steps + "] or [batch, "
                    + features + ", " + steps + "], got " + Arrays.toString(input.shape()));
        }
        return reshaped(input, workspaceMgr, ArrayType.ACTIVATIONS, features, steps);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return reshaped(output, workspaceMgr, ArrayType.ACTIVATION_GRAD, features * steps);
    }

    /** {@code array} as {@code [batch, shape...]} in C order, in the workspace of {@code type}. */
    static INDArray reshaped(INDArray array, LayerWorkspaceMgr workspaceMgr, ArrayType type, long... shape) {
        INDArray c = array.ordering() == 'c' && !array.isView() ? array : array.dup('c');
        long[] full = new long[shape.length + 1];
        full[0] = array.size(0);
        System.arraycopy(shape, 0, full, 1, shape.length);
        return workspaceMgr.leverageTo(type, c.reshape('c', full));
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        long size = switch (inputType.getType()) {
            case FF -> ((InputType.InputTypeFeedForward) inputType).getSize();
            case CNNFlat -> ((InputType.InputTypeConvolutionalFlat) inputType).getFlattenedSize();
            case RNN -> ((InputType.InputTypeRecurrent) inputType).getSize() * steps;
            default -> -1;
        };
        if (size != features * steps) {
            throw new IllegalArgumentException("cannot read " + inputType + " as " + steps + " steps of " + features + " features");
        }
        return InputType.recurrent(features, steps);
    }

    @Override
    public FlatSequencePreProcessor clone() {
        return new FlatSequencePreProcessor(features, steps);
    }

    /** Values per step. */
    public long getFeatures() {
        return features;
    }

    public void setFeatures(long features) {
        this.features = features;
    }

    /** Steps per sequence. */
    public long getSteps() {
        return steps;
    }

    public void setSteps(long steps) {
        this.steps = steps;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlatSequencePreProcessor that && features == that.features && steps == that.steps;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(features) * 31 + Long.hashCode(steps);
    }

    @Override
    public String toString() {
        return "FlatSequencePreProcessor(" + features + " features x " + steps + " steps)";
    }
}
