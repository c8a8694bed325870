package io.sparkdp.models.layers;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A gated recurrent unit layer defined in SameDiff, with the time loop unrolled. Input is DL4J's
 * recurrent NCW layout {@code [batch, nIn, T]}; output is {@code [batch, nOut, T]}, or with
 * {@link #isReturnSequences()} off only the state after each example's last real step,
 * {@code [batch, nOut]}.
 *
 * <p>The equations are those of cuDNN and PyTorch, the variant that applies the reset gate after
 * the recurrent product (Cho et al. apply it before), with {@code h_0 = 0}:
 * <pre>
 *   r_t = sigmoid(x_t W_r + b_r + h_{t-1} U_r + c_r)
 *   z_t = sigmoid(x_t W_z + b_z + h_{t-1} U_z + c_z)
 *   n_t = tanh(x_t W_n + b_n + r_t * (h_{t-1} U_n + c_n))
 *   h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 * </pre>
 * Parameters: {@value #INPUT_WEIGHTS} {@code [nIn, 3 nOut]}, {@value #RECURRENT_WEIGHTS}
 * {@code [nOut, 3 nOut]}, {@value #INPUT_BIAS} and {@value #RECURRENT_BIAS} {@code [1, 3 nOut]},
 * the gates' columns in the order reset, update, candidate. Weights start from the layer's weight
 * initialisation (the network's unless set), each gate's block with its own fan-in and fan-out;
 * biases start at zero.
 *
 * <p>Masks: with a features mask {@code [batch, T]} a masked step keeps the previous state
 * ({@code h_t = h_{t-1}}) and outputs zero, as DL4J's own recurrent layers do. So the outputs of
 * real steps never depend on padding, and the final state is the state after the last real step
 * wherever the padding lies.
 *
 * <p>Gradients are SameDiff's, taken in reverse creation order by {@link ReverseModeGradients}:
 * SameDiff 1.0.0-M2's own scheduler loses the gradient of a variable that feeds ops at different
 * depths (deeplearning4j issue 9655), as every unrolled recurrence does, and libnd4j's fused
 * {@code gru_bp} of that release gives wrong gradients.
 *
 * <p>The graph is unrolled for the sequence length of the first input the layer sees, which is
 * the length declared by the network's input type; other lengths are refused with a message.
 */
public class GruLayer extends SameDiffLayer {
    /** Input-to-hidden weights of the three gates. */
    public static final String INPUT_WEIGHTS = "W";
    /** Hidden-to-hidden weights of the three gates. */
    public static final String RECURRENT_WEIGHTS = "RW";
    /** Bias added to the input product. */
    public static final String INPUT_BIAS = "b";
    /** Bias added to the recurrent product, inside the reset gate's product for the candidate. */
    public static final String RECURRENT_BIAS = "rb";
    private static final int GATES = 3;

    private long nIn;
    private long nOut;
    private long timeSteps = -1;
    private boolean returnSequences = true;
    private IWeightInit weightInitFn;

    /** For JSON deserialisation only. */
    protected GruLayer() {
    }

    /**
     * A GRU of {@code nOut} units. The input size and sequence length come from the network's
     * input type; {@code returnSequences} chooses every step's output or the final state only.
     */
    public GruLayer(long nOut, boolean returnSequences) {
        if (nOut < 1) {
            throw new IllegalArgumentException("a GRU needs at least 1 unit, got " + nOut);
        }
        this.nOut = nOut;
        this.returnSequences = returnSequences;
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
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent recurrent = recurrent(inputType);
        return returnSequences ? InputType.recurrent(nOut, recurrent.getTimeSeriesLength()) : InputType.feedForward(nOut);
    }

    private InputType.InputTypeRecurrent recurrent(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
            throw new IllegalArgumentException("GRU layer" + name() + " needs recurrent input [batch, features, steps],"
                    + " got " + inputType);
        }
        return recurrent;
    }

    private String name() {
        return getLayerName() == null ? "" : " '" + getLayerName() + "'";
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(INPUT_WEIGHTS, nIn, GATES * nOut);
        params.addWeightParam(RECURRENT_WEIGHTS, nOut, GATES * nOut);
        params.addBiasParam(INPUT_BIAS, 1, GATES * nOut);
        params.addBiasParam(RECURRENT_BIAS, 1, GATES * nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        IWeightInit init = weightInitFn == null ? new WeightInitXavier() : weightInitFn;
        for (Map.Entry<String, INDArray> param : params.entrySet()) {
            INDArray array = param.getValue();
            switch (param.getKey()) {
                case INPUT_WEIGHTS -> initGates(init, nIn, array);
                case RECURRENT_WEIGHTS -> initGates(init, nOut, array);
                default -> array.assign(0);
            }
        }
    }

    /** Each gate's block is a {@code fanIn x nOut} matrix of its own, initialised as one. */
    private void initGates(IWeightInit init, long fanIn, INDArray weights) {
        for (int gate = 0; gate < GATES; gate++) {
            INDArray block = Nd4j.create(weights.dataType(), fanIn, nOut);
            init.init(fanIn, nOut, block.shape(), 'c', block);
            weights.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * nOut, (gate + 1) * nOut)).assign(block);
        }
    }

    @Override
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder globalConfig) {
        if (weightInitFn == null) {
            weightInitFn = globalConfig.getWeightInitFn();
        }
    }

    @Override
    public void validateInput(INDArray input) {
        if (input.rank() != 3 || input.size(1) != nIn || (timeSteps > 0 && input.size(2) != timeSteps)) {
            throw new IllegalArgumentException("GRU layer" + name() + " takes [batch, " + nIn + ", "
                    + (timeSteps > 0 ? timeSteps : "steps") + "] input, got " + Arrays.toString(input.shape()));
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        int steps = Math.toIntExact(input.getShape()[2]);
        // The input side of every step in one product: [batch, T, 3 nOut].
        SDVariable projected = input.permute(0, 2, 1).reshape(-1, nIn).mmul(params.get(INPUT_WEIGHTS))
                .add(params.get(INPUT_BIAS)).reshape(-1, steps, GATES * nOut);
        SDVariable[] outputs = new SDVariable[steps];
        SDVariable h = null;
        for (int t = 0; t < steps; t++) {
            SDVariable fromInput = projected.get(SDIndex.all(), SDIndex.point(t), SDIndex.all());
            SDVariable real = mask.get(SDIndex.all(), SDIndex.interval(t, t + 1));
            if (h == null) {
                h = sd.zerosLike(columns(fromInput, 0, 1));
            }
            SDVariable next = step(sd, fromInput, h, params);
            h = h.add(real.mul(next.sub(h)));
            if (returnSequences) {
                outputs[t] = real.mul(h);
            }
        }
        return returnSequences ? sd.stack(2, outputs) : h;
    }

    /** One GRU step from state {@code h} given the step's input product {@code fromInput}, {@code [batch, 3 nOut]}. */
    private SDVariable step(SameDiff sd, SDVariable fromInput, SDVariable h, Map<String, SDVariable> params) {
        SDVariable fromState = h.mmul(params.get(RECURRENT_WEIGHTS)).add(params.get(RECURRENT_BIAS));
        SDVariable gates = sd.nn.sigmoid(columns(fromInput, 0, 2).add(columns(fromState, 0, 2)));
        SDVariable reset = columns(gates, 0, 1);
        SDVariable update = columns(gates, 1, 2);
        SDVariable candidate = sd.math.tanh(columns(fromInput, 2, 3).add(reset.mul(columns(fromState, 2, 3))));
        return candidate.add(update.mul(h.sub(candidate)));
    }

    /** Gates {@code from} (inclusive) to {@code to} (exclusive), 0 reset, 1 update, 2 candidate, of a {@code [batch, k nOut]} array. */
    private SDVariable columns(SDVariable product, int from, int to) {
        return product.get(SDIndex.all(), SDIndex.interval(from * nOut, to * nOut));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return ReverseModeLayerImpl.instantiate(conf, index, paramsView, initializeParams, networkDataType);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray,
            MaskState currentMaskState, int minibatchSize) {
        // The final state already accounts for the mask; the layers after it see one row per example.
        return returnSequences ? new Pair<>(maskArray, currentMaskState) : new Pair<>(null, currentMaskState);
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

    /** The sequence length the network declares, or -1 when it declares none. */
    public long getTimeSteps() {
        return timeSteps;
    }

    public void setTimeSteps(long timeSteps) {
        this.timeSteps = timeSteps;
    }

    /** Whether the output is every step's state ({@code [batch, nOut, T]}) rather than the final one. */
    public boolean isReturnSequences() {
        return returnSequences;
    }

    public void setReturnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
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
        return other instanceof GruLayer gru && gru.canEqual(this) && super.equals(other) && nIn == gru.nIn
                && nOut == gru.nOut && timeSteps == gru.timeSteps && returnSequences == gru.returnSequences
                && Objects.equals(weightInitFn, gru.weightInitFn);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof GruLayer;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, timeSteps, returnSequences, weightInitFn);
    }
}
