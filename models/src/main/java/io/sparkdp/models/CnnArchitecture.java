package io.sparkdp.models;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A small convolutional network: one block per entry of {@code filters} (by default 32 and 64),
 * each a {@code kernel}x{@code kernel} convolution and a 2x2 max pooling, then dense layers
 * ({@code dense}, by default one of 256) and a softmax output. Reads flat examples as images of
 * the request's shape.
 */
final class CnnArchitecture implements LayeredArchitecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("filters", "32,64", ModelArg.Kind.SIZES, "filters of each convolution + max-pool block"),
            new ModelArg("kernel", "5", ModelArg.Kind.POSITIVE, "side of the square convolution kernels"),
            new ModelArg("dense", "256", ModelArg.Kind.SIZES, "widths of the dense layers after the blocks"),
            new ModelArg("activation", "relu", ModelArg.Kind.ACTIVATION, "activation of convolutions and dense layers"),
            new ModelArg("dropout", "0", ModelArg.Kind.FRACTION, "probability of dropping each input of a dense layer while training"));

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String description() {
        return "convolution + 2x2 max-pool blocks (5x5, 32 and 64 filters by default), dense 256, softmax output";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        InputShape shape = request.input();
        Activation activation = args.activation("activation");
        int kernel = args.positive("kernel");
        double dropout = args.fraction("dropout");
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.RELU);
        int index = 0;
        int side = Math.min(shape.height(), shape.width());
        for (int filters : args.sizes("filters")) {
            side = Networks.slide(request, name(), Networks.slide(request, name(), side, kernel, 1), 2, 2);
            layers.layer(index++, new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).nOut(filters)
                    .activation(activation).build());
            layers.layer(index++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2).stride(2, 2).build());
        }
        for (int width : args.sizes("dense")) {
            layers.layer(index++, Networks.dense(width, activation, dropout));
        }
        layers.layer(index, Networks.output(request, this, WeightInit.XAVIER, dropout));
        return layers.setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels())).build();
    }
}
