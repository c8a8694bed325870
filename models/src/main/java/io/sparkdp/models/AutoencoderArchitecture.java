package io.sparkdp.models;

import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A dense autoencoder trained on reconstruction: an encoder of dense layers ({@code hidden}, by
 * default 256 then a 64-wide code), a decoder that mirrors it, and an output as wide as the input
 * whose targets are the input itself (MSE on an identity output by default).
 * <p>
 * Denoising ({@code noise > 0}): while training, each input value is zeroed with probability
 * {@code noise} (masking noise, Vincent et al. 2008) before the encoder sees it; the targets stay
 * the clean input. It is DL4J's inverted dropout on the first layer's input, so the kept values
 * are scaled by {@code 1 / (1 - noise)} and inference, which adds no noise, sees inputs of the same
 * expected value. Its masks come from ND4J's random stream, which sparkdp's workers reseed from
 * the run seed before every step, so a denoising run is reproducible.
 */
final class AutoencoderArchitecture implements ReconstructingArchitecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("hidden", "256,64", ModelArg.Kind.SIZES,
                    "widths of the encoder layers, input side first; the last is the code, the decoder mirrors the rest"),
            new ModelArg("activation", "relu", ModelArg.Kind.ACTIVATION, "activation of the encoder and decoder layers"),
            new ModelArg("noise", "0", ModelArg.Kind.FRACTION,
                    "denoising: probability of zeroing each input value while training (targets stay clean)"));

    @Override
    public String name() {
        return "autoencoder";
    }

    @Override
    public String description() {
        return "dense autoencoder (256-64-256 ReLU by default) trained on reconstruction, denoising with noise > 0";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public String loss() {
        return Losses.MSE;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        Activation activation = args.activation("activation");
        int[] encoder = args.sizes("hidden");
        int[] decoder = ReconstructingArchitecture.mirrored(encoder);
        int[] widths = IntStream.concat(IntStream.of(encoder), IntStream.of(decoder).skip(1)).toArray();
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.RELU);
        int in = request.input().size();
        for (int index = 0; index < widths.length; index++) {
            DenseLayer dense = Networks.dense(widths[index], activation, index == 0 ? args.fraction("noise") : 0);
            dense.setNIn(in);
            layers.layer(index, dense);
            in = widths[index];
        }
        Losses.Output loss = Losses.reconstructionOutput(Networks.lossName(request.options(), this));
        OutputLayer output = new OutputLayer.Builder().lossFunction(loss.function()).activation(loss.activation())
                .nIn(in).nOut(request.input().size()).weightInit(Networks.init(request, WeightInit.XAVIER)).build();
        layers.layer(widths.length, output);
        return layers.setInputType(InputType.feedForward(request.input().size())).build();
    }
}
