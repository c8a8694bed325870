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
 * VGG-16 (Simonyan and Zisserman 2014, configuration D), the architecture only, trained from
 * scratch: 13 convolutions of 3x3 in five blocks (64, 128, 256, 512, 512 filters; 2, 2, 3, 3, 3
 * convolutions), each block ending in 2x2 max pooling, then two dense layers of 4096 with dropout
 * 0.5 and the classes. Convolutions and pooling pad ("same"), so inputs smaller than 224x224 work:
 * a 28x28 image is 1x1 after the fifth pooling.
 */
final class Vgg16Architecture implements LayeredArchitecture {
    private static final int[][] BLOCKS = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("dense", "4096,4096", ModelArg.Kind.SIZES, "widths of the dense layers after the convolutions"),
            new ModelArg("dropout", "0.5", ModelArg.Kind.FRACTION, "probability of dropping each input of a dense layer while training"));

    @Override
    public String name() {
        return "vgg16";
    }

    @Override
    public String description() {
        return "VGG-16 architecture (13 conv 3x3 in 5 max-pooled blocks, dense 4096-4096), no pretrained weights";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        double dropout = args.fraction("dropout");
        InputShape shape = request.input();
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.RELU);
        int index = 0;
        for (int[] block : BLOCKS) {
            for (int filters : block) {
                layers.layer(index++, new ConvolutionLayer.Builder(3, 3).nOut(filters).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build());
            }
            layers.layer(index++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).convolutionMode(ConvolutionMode.Same).build());
        }
        boolean first = true;
        for (int width : args.sizes("dense")) {
            layers.layer(index++, Networks.dense(width, Activation.RELU, first ? 0 : dropout));
            first = false;
        }
        layers.layer(index, Networks.output(request, this, WeightInit.XAVIER, dropout));
        return layers.setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels())).build();
    }
}
