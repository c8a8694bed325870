package io.sparkdp.models;

import io.sparkdp.models.network.NetworkConfiguration;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A DCGAN-style generative adversarial network (Radford et al. 2016), without batch
 * normalisation. The discriminator has one 4x4 convolution of stride 2 per entry of
 * {@code filters} (LeakyReLU 0.2), each halving the image, then a sigmoid unit: the probability
 * that its input is real. The generator mirrors it: a dense layer from {@code latent}-dimensional
 * Gaussian noise to the smallest feature map, then one 4x4 transposed convolution of stride 2 per
 * block (ReLU), the last to the image's channels through a sigmoid, so it draws pixels in [0, 1]
 * as the data pipeline scales them. With Adam, the first moment's decay is DCGAN's 0.5, not 0.9.
 * Transposed convolutions of stride 2 leave a faint checkerboard in early samples (Odena et al.
 * 2016); upsampling followed by a convolution avoids it, but DL4J's CPU path for it ran about six
 * times slower here, so the generator keeps DCGAN's layers.
 * How the two train in turn is in {@code io.sparkdp.models.network.GanNetwork}. It ignores the
 * data's labels; its validation measures the discriminator on real vs generated images.
 */
final class GanArchitecture implements Architecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("latent", "64", ModelArg.Kind.POSITIVE, "dimensions of the generator's Gaussian noise z"),
            new ModelArg("filters", "32,64", ModelArg.Kind.SIZES,
                    "filters of the discriminator's stride-2 convolutions; the generator mirrors them"));
    private static final int KERNEL = 4;
    /** DCGAN's decay of Adam's first moment. */
    private static final double BETA1 = 0.5;

    @Override
    public String name() {
        return "gan";
    }

    @Override
    public String description() {
        return "DCGAN-style generator and discriminator (stride-2 convolutions, 32 and 64 filters, 64-dim noise by"
                + " default) trained in alternating phases; 'sparkdp sample' draws images from it";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public String loss() {
        return Losses.BINARY;
    }

    /** The discriminator's loss is what a GAN is. */
    @Override
    public boolean lossIsFixed() {
        return true;
    }

    @Override
    public NetworkConfiguration network(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        Networks.lossName(request.options(), this);
        int[] filters = args.sizes("filters");
        int latent = args.positive("latent");
        InputShape image = request.input();
        int scale = 1 << filters.length;
        if (filters.length > 8 || image.height() % scale != 0 || image.width() % scale != 0) {
            throw new IllegalArgumentException("model gan cannot be built for " + image + " input: its " + filters.length
                    + " stride-2 blocks need a height and width divisible by " + scale + "; give fewer --model-arg filters");
        }
        IUpdater updater = request.optimizer().toUpdater();
        if (updater instanceof Adam adam) {
            adam.setBeta1(BETA1);
        }
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.XAVIER);
        int deepest = filters[filters.length - 1];
        int index = 0;
        layers.layer(index++, new DenseLayer.Builder().nIn(latent).nOut((long) image.height() / scale * image.width() / scale * deepest)
                .activation(Activation.RELU).updater(updater).build());
        layers.inputPreProcessor(index, new FeedForwardToCnnPreProcessor(image.height() / scale, image.width() / scale, deepest));
        for (int block = filters.length - 1; block >= 0; block--) {
            boolean last = block == 0;
            layers.layer(index++, new Deconvolution2D.Builder(KERNEL, KERNEL).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                    .nOut(last ? image.channels() : filters[block - 1]).activation(last ? Activation.SIGMOID : Activation.RELU)
                    .updater(updater).build());
        }
        int generatorLayers = index;
        for (int width : filters) {
            layers.layer(index++, new ConvolutionLayer.Builder(KERNEL, KERNEL).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                    .nOut(width).activation(new ActivationLReLU(0.2)).updater(updater).build());
        }
        layers.layer(index, new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID)
                .updater(updater).build());
        MultiLayerConfiguration stack = layers.setInputType(InputType.feedForward(latent)).build();
        return new NetworkConfiguration.Gan(stack, generatorLayers, image);
    }
}
