package io.sparkdp.models;

import io.sparkdp.models.layers.CapsuleLengthLayer;
import io.sparkdp.models.layers.ReverseModePrimaryCapsules;
import io.sparkdp.models.layers.RoutingCapsuleLayer;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PrimaryCapsules;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A capsule network (Sabour, Frosst and Hinton 2017) of DL4J's capsule layers: a ReLU convolution
 * stem, {@code PrimaryCapsules} (a convolution cut into {@code primary-channels} capsule types of
 * {@code primary-dims} values, squashed), a {@code CapsuleLayer} of one {@code capsule-dims}
 * capsule per class routed {@code routings} times by agreement, and {@code CapsuleStrengthLayer}:
 * each class's score is the length of its capsule, in [0, 1). It trains with the paper's
 * {@link MarginLoss} over those lengths and predicts the longest capsule. The paper's decoder
 * (reconstruction regulariser) is left out.
 * <p>
 * The defaults are far smaller than the paper's (one 9x9 convolution of 256 channels, 32x6x6
 * primary capsules of 8 values): a strided 5x5 stem of 32 channels and 8 capsule types on a 5x5
 * grid, 200 primary capsules, which trains at a few hundred examples a second on two cores.
 */
final class CapsNetArchitecture implements LayeredArchitecture {
    /** The name of the margin loss, the loss of every capsnet. */
    static final String MARGIN = "margin";

    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("conv", "32", ModelArg.Kind.SIZES, "channels of each ReLU convolution of the stem"),
            new ModelArg("kernel", "5", ModelArg.Kind.POSITIVE, "side of the stem's square kernels"),
            new ModelArg("stride", "2", ModelArg.Kind.POSITIVE, "stride of the stem's convolutions"),
            new ModelArg("primary-channels", "8", ModelArg.Kind.POSITIVE, "primary capsule types (channels of capsules)"),
            new ModelArg("primary-dims", "8", ModelArg.Kind.POSITIVE, "values of each primary capsule"),
            new ModelArg("primary-kernel", "3", ModelArg.Kind.POSITIVE, "side of the primary capsules' convolution kernel"),
            new ModelArg("primary-stride", "2", ModelArg.Kind.POSITIVE, "stride of the primary capsules' convolution"),
            new ModelArg("capsule-dims", "16", ModelArg.Kind.POSITIVE, "values of each class capsule"),
            new ModelArg("routings", "3", ModelArg.Kind.POSITIVE, "iterations of routing by agreement"),
            new ModelArg("margin-present", "0.9", ModelArg.Kind.FRACTION, "m+: the length the true class's capsule should exceed"),
            new ModelArg("margin-absent", "0.1", ModelArg.Kind.FRACTION, "m-: the length the other capsules should stay under"),
            new ModelArg("absent-weight", "0.5", ModelArg.Kind.FRACTION, "lambda: the weight of the other classes' loss"));

    @Override
    public String name() {
        return "capsnet";
    }

    @Override
    public String description() {
        return "capsule network: conv 32@5x5/2, 8x8-d primary capsules (3x3/2), one 16-d capsule per class routed 3"
                + " times, capsule lengths as scores, margin loss";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public String loss() {
        return MARGIN;
    }

    @Override
    public boolean lossIsFixed() {
        return true;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        Networks.lossName(request.options(), this);
        MarginLoss loss = marginLoss(args);
        InputShape shape = request.input();
        int kernel = args.positive("kernel");
        int stride = args.positive("stride");
        int primaryKernel = args.positive("primary-kernel");
        int primaryStride = args.positive("primary-stride");
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.XAVIER);
        int side = Math.min(shape.height(), shape.width());
        for (int channels : args.sizes("conv")) {
            side = Networks.slide(request, name(), side, kernel, stride);
            layers.layer(new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(channels)
                    .activation(Activation.RELU).weightInit(Networks.init(request, WeightInit.RELU)).build());
        }
        Networks.slide(request, name(), side, primaryKernel, primaryStride);
        layers.layer(new ReverseModePrimaryCapsules(new PrimaryCapsules.Builder(args.positive("primary-dims"),
                args.positive("primary-channels")).kernelSize(primaryKernel, primaryKernel).stride(primaryStride, primaryStride)));
        layers.layer(new RoutingCapsuleLayer(request.numClasses(), args.positive("capsule-dims"), args.positive("routings")));
        layers.layer(new CapsuleLengthLayer());
        LossLayer output = new LossLayer.Builder(loss).activation(Activation.IDENTITY).build();
        // A loss layer has no weights and DL4J leaves its width 0; evaluation reads the classes from it.
        output.setNOut(request.numClasses());
        layers.layer(output);
        return layers.setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels())).build();
    }

    private MarginLoss marginLoss(ModelArgs args) {
        try {
            return new MarginLoss(args.fraction("margin-present"), args.fraction("margin-absent"), args.fraction("absent-weight"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + name() + ": " + e.getMessage(), e);
        }
    }
}
