package io.sparkdp.models;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A variational autoencoder (Kingma and Welling 2014), DL4J's {@code VariationalAutoencoder}
 * layer: an encoder of dense layers ({@code hidden}) to the mean and log-variance of a Gaussian
 * posterior over a {@code latent}-dimensional code, a reparameterised sample of it, and a decoder
 * that mirrors the encoder. It trains on the negative evidence lower bound: by default a
 * Bernoulli reconstruction likelihood (sigmoid, binary cross-entropy: inputs in [0, 1], such as
 * scaled pixels), or with {@code --loss mse}/{@code mae} that loss on an identity reconstruction,
 * plus the KL divergence from the standard normal prior. How its pretraining gradient fits
 * sparkdp's workers is in {@code io.sparkdp.models.network.VariationalTraining}.
 */
final class VaeArchitecture implements ReconstructingArchitecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("hidden", "256", ModelArg.Kind.SIZES, "widths of the encoder layers, input side first; the decoder mirrors them"),
            new ModelArg("latent", "16", ModelArg.Kind.POSITIVE, "dimensions of the latent code z"),
            new ModelArg("activation", "relu", ModelArg.Kind.ACTIVATION, "activation of the encoder and decoder layers"));

    @Override
    public String name() {
        return "vae";
    }

    @Override
    public String description() {
        return "variational autoencoder (256 ReLU, 16-dim latent by default; DL4J's VAE layer) trained on the negative ELBO";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public String loss() {
        return Losses.BINARY;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        int[] encoder = args.sizes("hidden");
        int[] decoder = ReconstructingArchitecture.mirrored(encoder);
        VariationalAutoencoder.Builder vae = new VariationalAutoencoder.Builder()
                .nIn(request.input().size()).nOut(args.positive("latent"))
                .encoderLayerSizes(encoder).decoderLayerSizes(decoder)
                .activation(args.activation("activation"))
                .pzxActivationFunction(Activation.IDENTITY);
        String loss = Networks.lossName(request.options(), this);
        Losses.checkReconstruction(loss);
        switch (Losses.AUTO.equals(loss) ? loss() : loss) {
            case Losses.MSE -> vae.lossFunction(Activation.IDENTITY, LossFunctions.LossFunction.MSE);
            case Losses.MAE -> vae.lossFunction(Activation.IDENTITY, LossFunctions.LossFunction.MEAN_ABSOLUTE_ERROR);
            default -> vae.reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID));
        }
        return Networks.start(request, WeightInit.RELU).layer(0, vae.build())
                .setInputType(InputType.feedForward(request.input().size())).build();
    }
}
