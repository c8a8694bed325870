package io.sparkdp.models;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A multi-layer perceptron of any depth: dense hidden layers ({@code hidden}, by default 512 and
 * 256, He-initialised, ReLU), each followed by dropout when asked, then a softmax output, or for
 * {@code --task regression} an identity output per target.
 */
final class MlpArchitecture implements LayeredArchitecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("hidden", "512,256", ModelArg.Kind.SIZES, "widths of the hidden layers, input side first"),
            new ModelArg("activation", "relu", ModelArg.Kind.ACTIVATION, "activation of the hidden layers"),
            new ModelArg("dropout", "0", ModelArg.Kind.FRACTION, "probability of dropping each hidden unit while training"));

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "multi-layer perceptron of any depth, dense layers (512-256 ReLU by default), softmax output"
                + " (identity for regression)";
    }

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
        Activation activation = args.activation("activation");
        double dropout = args.fraction("dropout");
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.RELU);
        int in = request.input().size();
        int index = 0;
        for (int width : args.sizes("hidden")) {
            DenseLayer dense = Networks.dense(width, activation, index == 0 ? 0 : dropout);
            dense.setNIn(in);
            layers.layer(index++, dense);
            in = width;
        }
        OutputLayer output = Networks.output(request, this, WeightInit.XAVIER, dropout);
        output.setNIn(in);
        layers.layer(index, output);
        return layers.setInputType(InputType.feedForward(request.input().size())).build();
    }
}
