package io.sparkdp.models;

import io.sparkdp.models.network.NetworkConfiguration;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A small residual network (He et al., 2016) as a DL4J {@code ComputationGraph}: a 3x3 stem
 * convolution (of {@code stride} 1 by default, as for small images), then one stage per entry of {@code filters}, each of {@code blocks} residual
 * blocks, then global average pooling and a softmax output. A block is two 3x3 convolutions
 * (each followed by batch normalisation when {@code batchnorm} is on) whose result is added to the
 * block's input, then activated. The first block of every stage after the first halves the map
 * with stride 2 and reaches the sum through a 1x1 projection shortcut; every other shortcut is the
 * identity. Convolutions pad to keep the map size, so any image size works.
 */
final class ResNetArchitecture implements Architecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("filters", "16,32,64", ModelArg.Kind.SIZES,
                    "filters of each stage; each stage after the first halves the feature map"),
            new ModelArg("blocks", "1", ModelArg.Kind.POSITIVE, "residual blocks per stage"),
            new ModelArg("stride", "1", ModelArg.Kind.POSITIVE, "stride of the stem convolution; 2 halves the image before the first stage"),
            new ModelArg("activation", "relu", ModelArg.Kind.ACTIVATION, "activation after the stem and every block's sum"),
            new ModelArg("batchnorm", "on", ModelArg.Kind.SWITCH, "batch normalisation after every convolution"));

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public String description() {
        return "residual network (ComputationGraph): 3x3 stem, stages of 16, 32, 64 filters with identity and projection"
                + " shortcuts, batch norm, global average pooling, softmax output";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public NetworkConfiguration network(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        Graph graph = new Graph(Networks.startGraph(request, WeightInit.RELU), args.activation("activation"),
                args.isOn("batchnorm"));
        InputShape shape = request.input();
        graph.builder.addInputs("input")
                .setInputTypes(InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels()));
        int[] filters = args.sizes("filters");
        String last = graph.activated("stem", graph.convolution("stem", "input", filters[0], 3, args.positive("stride")));
        int width = filters[0];
        for (int stage = 0; stage < filters.length; stage++) {
            for (int block = 0; block < args.positive("blocks"); block++) {
                boolean downsample = stage > 0 && block == 0;
                last = graph.block("s" + (stage + 1) + "b" + (block + 1), last, width, filters[stage], downsample ? 2 : 1);
                width = filters[stage];
            }
        }
        graph.builder.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("output", Networks.output(request, this, WeightInit.XAVIER, 0), "pool")
                .setOutputs("output");
        return NetworkConfiguration.of(graph.builder.build());
    }

    /** The graph being built, and what every block shares. */
    private record Graph(ComputationGraphConfiguration.GraphBuilder builder, Activation activation, boolean batchNorm) {
        /** A residual block from {@code in} (of {@code inWidth} channels); returns the name of its output. */
        String block(String name, String in, int inWidth, int filters, int stride) {
            String first = activated(name + "_1", convolution(name + "_conv1", in, filters, 3, stride));
            String second = convolution(name + "_conv2", first, filters, 3, 1);
            String shortcut = stride == 1 && inWidth == filters ? in : convolution(name + "_proj", in, filters, 1, stride);
            builder.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), second, shortcut);
            return activated(name, name + "_add");
        }

        /** A same-padded convolution without activation, then batch normalisation if on; returns the last vertex. */
        String convolution(String name, String in, int filters, int kernel, int stride) {
            builder.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(filters)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), in);
            if (!batchNorm) {
                return name;
            }
            builder.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
            return name + "_bn";
        }

        /** The activation of {@code in}, as its own layer; returns its name. */
        String activated(String name, String in) {
            builder.addLayer(name + "_act", new ActivationLayer.Builder().activation(activation).build(), in);
            return name + "_act";
        }
    }
}
