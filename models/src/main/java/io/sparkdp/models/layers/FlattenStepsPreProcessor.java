package io.sparkdp.models.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inverse of {@link FlatSequencePreProcessor}: a short sequence {@code [batch, features, steps]}
 * becomes one flat row per example, {@code [batch, features * steps]}, feature-major. Attention
 * pooling with several learned queries gives one vector per query; the dense layers after it read
 * them all side by side. DL4J's own {@code RnnToFeedForwardPreProcessor} would instead make every
 * step a separate example. There is no mask after it: pooling has consumed it.
 */
public class FlattenStepsPreProcessor extends BaseInputPreProcessor {
    private long features;
    private long steps;

    /** For JSON deserialisation only. */
    protected FlattenStepsPreProcessor() {
    }

    /** Sequences of {@code steps} steps of {@code features} each, flattened. */
    public FlattenStepsPreProcessor(long features, long steps) {
        if (features < 1 || steps < 1) {
            throw new IllegalArgumentException("a sequence needs at least 1 feature and 1 step, got " + features + "x" + steps);
        }
        this.features = features;
        this.steps = steps;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3 || input.size(1) != features || input.size(2) != steps) {
            throw new IllegalArgumentException("flattening expects [batch, " + features + ", " + steps + "], got "
                    + Arrays.toString(input.shape()));
        }
        return FlatSequencePreProcessor.reshaped(input, workspaceMgr, ArrayType.ACTIVATIONS, features * steps);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return FlatSequencePreProcessor.reshaped(output, workspaceMgr, ArrayType.ACTIVATION_GRAD, features, steps);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent) || recurrent.getSize() != features
                || recurrent.getTimeSeriesLength() != steps) {
            throw new IllegalArgumentException("cannot flatten " + inputType + " as " + steps + " steps of " + features + " features");
        }
        return InputType.feedForward(features * steps);
    }

    @Override
    public FlattenStepsPreProcessor clone() {
        return new FlattenStepsPreProcessor(features, steps);
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
        return other instanceof FlattenStepsPreProcessor that && features == that.features && steps == that.steps;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(features) * 37 + Long.hashCode(steps);
    }

    @Override
    public String toString() {
        return "FlattenStepsPreProcessor(" + features + " features x " + steps + " steps)";
    }
}
