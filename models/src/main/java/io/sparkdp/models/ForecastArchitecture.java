package io.sparkdp.models;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * A time-series forecaster: {@code --task regression} on {@code csvseq:} windows of a series, whose
 * targets are the next value (per step: each step's next value; per sequence: the value after the
 * window). It is the {@code lstm} or {@code gru} regressor, chosen by {@code cell}, with
 * {@code layers} recurrent layers of {@code units} each and an identity output trained with MSE
 * (or MAE); the layers are those models' own, built by them. Regression is what it is: the
 * command line implies {@code --task regression} for it, and a classification request is refused.
 * Per-step targets need {@code cell=lstm}: the GRU layer gives its state after the last real step only.
 */
final class ForecastArchitecture implements LayeredArchitecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("cell", "lstm", ModelArg.Kind.CELL, "the recurrent cell"),
            new ModelArg("units", "32", ModelArg.Kind.POSITIVE, "units of each recurrent layer"),
            new ModelArg("layers", "1", ModelArg.Kind.POSITIVE, "stacked recurrent layers"),
            new ModelArg("dropout", "0", ModelArg.Kind.FRACTION, "probability of dropping each unit of the last"
                    + " recurrent layer's output while training"));

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public String description() {
        return "time-series forecaster (implies --task regression): LSTM or GRU layers on csvseq: windows, identity"
                + " output of the next value, per step (lstm) or after the window, MSE";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public boolean classifies() {
        return false;
    }

    @Override
    public boolean regresses() {
        return true;
    }

    @Override
    public boolean readsSequences() {
        return true;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        int units = args.positive("units");
        int layers = args.positive("layers");
        String dropout = String.valueOf(args.fraction("dropout"));
        ModelOptions options = request.options();
        if (args.cell("cell").equals("gru")) {
            if (request.sequences() == SequenceLabels.PER_STEP) {
                throw new IllegalArgumentException("model forecast with cell=gru forecasts the value after each window;"
                        + " targets per time step take cell=lstm");
            }
            return new GruArchitecture().configure(request.with(arguments(options, Map.of("units", String.valueOf(units),
                    "layers", String.valueOf(layers), "dropout", dropout))));
        }
        String hidden = String.join(",", Collections.nCopies(layers, String.valueOf(units)));
        return LstmArchitecture.lstm().configure(request.with(arguments(options, Map.of("hidden", hidden, "dropout", dropout))));
    }

    /** {@code options} with the cell model's own arguments instead of forecast's. */
    private static ModelOptions arguments(ModelOptions options, Map<String, String> cellArgs) {
        return new ModelOptions(cellArgs, options.loss(), options.weightInit(), options.l1(), options.l2());
    }
}
