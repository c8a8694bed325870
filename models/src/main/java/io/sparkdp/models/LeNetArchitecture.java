package io.sparkdp.models;

import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * LeNet-5 (LeCun et al. 1998): C1 6 filters 5x5, S2 2x2 pooling, C3 16 filters 5x5, S4 2x2
 * pooling, C5 120 and F6 84 fully connected, then the classes. C1 pads its input so that a 28x28
 * image gives the 28x28 maps the original got from its 32x32 input; C5 is dense, as the original's
 * 5x5 convolution over a 5x5 map is. Tanh and average pooling as in the paper, Xavier
 * initialisation; a softmax output with cross-entropy in place of the original RBF units.
 */
final class LeNetArchitecture implements LayeredArchitecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("activation", "tanh", ModelArg.Kind.ACTIVATION, "activation of convolutions and dense layers"),
            new ModelArg("pooling", "avg", ModelArg.Kind.POOLING, "subsampling: avg (as in the paper) or max"));

    @Override
    public String name() {
        return "lenet";
    }

    @Override
    public String description() {
        return "LeNet-5: conv 6@5x5, pool, conv 16@5x5, pool, dense 120, dense 84, softmax output";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        Activation activation = args.activation("activation");
        SubsamplingLayer.PoolingType pooling = args.maxPooling("pooling")
                ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG;
        InputShape shape = request.input();
        int side = Networks.slide(request, name(), Math.min(shape.height(), shape.width()) / 2, 5, 1);
        Networks.slide(request, name(), side, 2, 2);
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.XAVIER);
        layers.layer(0, new ConvolutionLayer.Builder(5, 5).nOut(6).convolutionMode(ConvolutionMode.Same)
                .activation(activation).build());
        layers.layer(1, new SubsamplingLayer.Builder(pooling).kernelSize(2, 2).stride(2, 2).build());
        layers.layer(2, new ConvolutionLayer.Builder(5, 5).nOut(16).activation(activation).build());
        layers.layer(3, new SubsamplingLayer.Builder(pooling).kernelSize(2, 2).stride(2, 2).build());
        layers.layer(4, Networks.dense(120, activation, 0));
        layers.layer(5, Networks.dense(84, activation, 0));
        layers.layer(6, Networks.output(request, this, WeightInit.XAVIER, 0));
        return layers.setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels())).build();
    }
}
