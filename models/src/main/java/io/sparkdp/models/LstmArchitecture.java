package io.sparkdp.models;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A sequence classifier or regressor: LSTM layers ({@code hidden}, by default one of 64 units, tanh), the last
 * one read at each sequence's last real time step (DL4J's {@code LastTimeStep}, which honours the
 * padding mask), then a softmax output; for labels per time step (tagging) a softmax output at
 * every step instead ({@code RnnOutputLayer}, masked). The bidirectional variant runs each LSTM layer forwards
 * and backwards and concatenates the two. Its input is a sequence of {@code width} steps of
 * {@code channels} features ({@code InputType.recurrent}), as {@code csvseq:} data delivers it.
 * With {@code --task regression} the output is the identity, trained with MSE or MAE: one row of
 * targets per sequence, or per time step under the labels mask (forecasting the next value).
 */
final class LstmArchitecture implements LayeredArchitecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("hidden", "64", ModelArg.Kind.SIZES, "units of each LSTM layer, input side first"),
            new ModelArg("dropout", "0", ModelArg.Kind.FRACTION, "probability of dropping each unit of the last LSTM"
                    + " layer's output while training"));

    private final boolean bidirectional;

    private LstmArchitecture(boolean bidirectional) {
        this.bidirectional = bidirectional;
    }

    /** {@code lstm}: forward LSTM layers. */
    static LstmArchitecture lstm() {
        return new LstmArchitecture(false);
    }

    /** {@code bilstm}: bidirectional LSTM layers. */
    static LstmArchitecture bilstm() {
        return new LstmArchitecture(true);
    }

    @Override
    public String name() {
        return bidirectional ? "bilstm" : "lstm";
    }

    @Override
    public String description() {
        return (bidirectional ? "bidirectional LSTM" : "LSTM") + " sequence classifier or regressor (64 tanh units by default),"
                + " read at each sequence's last real step or at every step; for csvseq: data";
    }

    @Override
    public boolean readsSequences() {
        return true;
    }

    /** Sequences' or time steps' real-valued targets, with an identity output. */
    @Override
    public boolean regresses() {
        return true;
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        int[] widths = args.sizes("hidden");
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.XAVIER);
        boolean perStep = request.sequences() == SequenceLabels.PER_STEP;
        for (int i = 0; i < widths.length; i++) {
            Layer recurrent = new LSTM.Builder().nOut(widths[i]).activation(Activation.TANH).build();
            if (bidirectional) {
                recurrent = new Bidirectional(Bidirectional.Mode.CONCAT, recurrent);
            }
            layers.layer(i, i == widths.length - 1 && !perStep ? new LastTimeStep(recurrent) : recurrent);
        }
        double dropout = args.fraction("dropout");
        layers.layer(widths.length, perStep ? Networks.stepOutput(request, this, WeightInit.XAVIER, dropout)
                : Networks.output(request, this, WeightInit.XAVIER, dropout));
        InputShape input = request.input();
        return layers.setInputType(InputType.recurrent(input.channels(), input.width())).build();
    }
}
