package io.sparkdp.models;

import io.sparkdp.models.layers.FlatSequencePreProcessor;
import io.sparkdp.models.layers.GruLayer;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * A GRU sequence classifier (or with {@code --task regression} regressor, an identity output of
 * the sequence's targets): {@code layers} stacked {@link GruLayer}s of {@code units} each, the
 * last returning its state after the last real step, then a softmax output whose input is
 * dropped with probability {@code dropout} while training. An example of shape
 * {@code channels x height x width} is read as {@code width} steps of {@code channels * height}
 * features, so sequence data of {@code F} features over {@code T} steps comes as {@code F x 1 x T},
 * and an image is a sequence of its columns. Rows may arrive flat or as {@code [batch, F, T]},
 * with an optional features mask {@code [batch, T]} for padded sequences.
 */
final class GruArchitecture implements LayeredArchitecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("units", "64", ModelArg.Kind.POSITIVE, "units of each GRU layer"),
            new ModelArg("layers", "1", ModelArg.Kind.POSITIVE, "stacked GRU layers"),
            new ModelArg("dropout", "0", ModelArg.Kind.FRACTION,
                    "probability of dropping each unit of the final state while training"));

    @Override
    public String name() {
        return "gru";
    }

    @Override
    public String description() {
        return "GRU sequence classifier or regressor (1 layer of 64 units by default), last real step, softmax (or"
                + " identity) output; reads CxHxW as W steps of C*H features";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    /** {@code csvseq:} sequences, masked, one class each. */
    @Override
    public boolean readsSequences() {
        return true;
    }

    /** A sequence's real-valued targets, with an identity output; not per time step ({@link #labelsSteps()}). */
    @Override
    public boolean regresses() {
        return true;
    }

    /** Images too, as the sequence of their columns. */
    @Override
    public boolean readsFlatExamples() {
        return true;
    }

    /** Its last layer gives the state after the last real step only. */
    @Override
    public boolean labelsSteps() {
        return false;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        int units = args.positive("units");
        int depth = args.positive("layers");
        double dropout = args.fraction("dropout");
        InputShape shape = request.input();
        long features = (long) shape.channels() * shape.height();
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.XAVIER);
        int index = 0;
        // Dropout only before the output: DL4J's dropout layers apply a sequence mask as a column
        // vector and fail on [batch, units, T], and SameDiff layers ignore DL4J's per-layer dropout.
        for (int layer = 0; layer < depth; layer++) {
            layers.layer(index++, new GruLayer(units, layer < depth - 1));
        }
        layers.layer(index, Networks.output(request, this, WeightInit.XAVIER, dropout));
        layers.inputPreProcessor(0, new FlatSequencePreProcessor(features, shape.width()));
        return layers.setInputType(InputType.recurrent(features, shape.width())).build();
    }
}
