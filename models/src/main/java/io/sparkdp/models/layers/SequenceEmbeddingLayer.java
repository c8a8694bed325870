package io.sparkdp.models.layers;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input end of an attention model, as BERT's embeddings are for tokens: every step's features
 * projected to the model's width, plus a learned embedding of the step's position. Self-attention
 * is blind to order (permuting the steps permutes its outputs, and attention pooling then forgets
 * the permutation); the position embedding is what lets the model tell "a then b" from "b then a".
 *
 * <p>Input is DL4J's recurrent NCW layout {@code [batch, nIn, T]}, output {@code [batch, nOut, T]}:
 * {@code out[:, :, t] = x[:, :, t] W + P[:, t]}. Parameters: {@value #WEIGHTS} {@code [nIn, nOut]},
 * from the layer's weight initialisation (the network's unless set), and {@value #POSITIONS}
 * {@code [nOut, T]}, one column per position, from the same initialisation (fan-in {@code nOut})
 * so that positions start distinct; it takes the role of the bias, which it makes redundant.
 *
 * <p>Each step is embedded on its own, so a padded step changes only its own output; the mask
 * passes on unchanged for the attention layers after it, which ignore padded steps as keys.
 * The length {@code T} is the network's declared sequence length; others are refused in one line.
 * Gradients: {@link ReverseModeLayer} (DL4J's plain SameDiff runtime doubled them in 1.0.0-M2).
 */
public class SequenceEmbeddingLayer extends SameDiffLayer {
    /** The projection of each step's features. */
    public static final String WEIGHTS = "W";
    /** The embedding of each position, one column per step. */
    public static final String POSITIONS = "P";

    private long nIn;
    private long nOut;
    private long timeSteps = -1;
    private IWeightInit weightInitFn;

    /** For JSON deserialisation only. */
    protected SequenceEmbeddingLayer() {
    }

    /** An embedding of width {@code nOut}; the input width and sequence length come from the network's input type. */
    public SequenceEmbeddingLayer(long nOut) {
        if (nOut < 1) {
            throw new IllegalArgumentException("an embedding needs a width of at least 1, got " + nOut);
        }
        this.nOut = nOut;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent recurrent = recurrent(inputType);
        if (nIn <= 0 || override) {
            nIn = recurrent.getSize();
        }
        if (timeSteps <= 0 || override) {
            timeSteps = recurrent.getTimeSeriesLength();
        }
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("a sequence embedding learns one vector per position, so it needs the"
                    + " sequence length; got " + inputType);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(nOut, recurrent(inputType).getTimeSeriesLength());
    }

    private static InputType.InputTypeRecurrent recurrent(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
            throw new IllegalArgumentException("a sequence embedding needs recurrent input [batch, features, steps], got "
                    + inputType);
        }
        return recurrent;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(WEIGHTS, nIn, nOut);
        params.addWeightParam(POSITIONS, nOut, timeSteps);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        IWeightInit init = weightInitFn == null ? new WeightInitXavier() : weightInitFn;
        INDArray weights = params.get(WEIGHTS);
        init.init(nIn, nOut, weights.shape(), 'c', weights);
        INDArray positions = params.get(POSITIONS);
        init.init(nOut, nOut, positions.shape(), 'c', positions);
    }

    @Override
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder globalConfig) {
        if (weightInitFn == null) {
            weightInitFn = globalConfig.getWeightInitFn();
        }
    }

    @Override
    public void validateInput(INDArray input) {
        if (input.rank() != 3 || input.size(1) != nIn || input.size(2) != timeSteps) {
            throw new IllegalArgumentException("sequence embedding takes [batch, " + nIn + ", " + timeSteps + "] input, got "
                    + Arrays.toString(input.shape()));
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        // Every step of every example in one product: [batch * T, nIn] x [nIn, nOut], back to [batch, nOut, T].
        SDVariable projected = input.permute(0, 2, 1).reshape(-1, nIn).mmul(params.get(WEIGHTS))
                .reshape(-1, timeSteps, nOut).permute(0, 2, 1);
        return projected.add(params.get(POSITIONS));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return ReverseModeLayer.instantiate(this, conf, index, paramsView, initializeParams, networkDataType);
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    public long getNOut() {
        return nOut;
    }

    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    /** The sequence length the network declares; one position embedding each. */
    public long getTimeSteps() {
        return timeSteps;
    }

    public void setTimeSteps(long timeSteps) {
        this.timeSteps = timeSteps;
    }

    /** The weight initialisation; {@code null} until the network's is applied. */
    public IWeightInit getWeightInitFn() {
        return weightInitFn;
    }

    public void setWeightInitFn(IWeightInit weightInitFn) {
        this.weightInitFn = weightInitFn;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceEmbeddingLayer that && that.canEqual(this) && super.equals(other) && nIn == that.nIn
                && nOut == that.nOut && timeSteps == that.timeSteps && Objects.equals(weightInitFn, that.weightInitFn);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof SequenceEmbeddingLayer;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, timeSteps, weightInitFn);
    }
}
