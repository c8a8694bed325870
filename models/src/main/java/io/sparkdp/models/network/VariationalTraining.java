package io.sparkdp.models.network;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.variational.ReconstructionDistribution;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer;
import org.deeplearning4j.nn.updater.LayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How sparkdp trains a network that is one DL4J {@code VariationalAutoencoder} layer, which DL4J
 * trains only by unsupervised pretraining: the layer's own {@code computeGradientAndScore} is the
 * pretraining gradient of the negative evidence lower bound (reconstruction negative
 * log-likelihood of one reparameterised sample {@code z = mu + sigma * e}, plus the KL divergence
 * of {@code q(z|x)} from the standard normal prior), summed over the minibatch, and its score is
 * the bound's mean per example. sparkdp computes that gradient on the workers and applies it on the
 * driver like any other.
 * <p>
 * Two things differ from a supervised network. DL4J's network-wide updater skips parameters that
 * only pretraining trains (the decoder), so the network's updater is replaced by a layer updater
 * over the same state, of the same layout ({@link #useLayerUpdater}); and the network's own
 * output would be the latent mean, so {@link #output} is the reconstruction at the posterior mean
 * and {@link #scoreExamples} the negative bound with the reconstruction term taken at the posterior
 * mean rather than at a sample, so that evaluation needs no randomness. The sample {@code e} comes
 * from ND4J's random stream, which workers reseed from the run seed before every step.
 */
final class VariationalTraining {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private VariationalTraining() {
    }

    /** Whether {@code network} is a single variational-autoencoder layer, which trains this way. */
    static boolean applies(MultiLayerNetwork network) {
        return network.getnLayers() == 1 && network.getLayer(0) instanceof VariationalAutoencoder;
    }

    /** Replaces the network's updater by one that updates every parameter of the layer, keeping its state. */
    static void useLayerUpdater(MultiLayerNetwork network) {
        if (network.getUpdater() instanceof LayerUpdater) {
            return; // wrapped once more (a clipping listener wraps the network it is given)
        }
        INDArray state = network.getUpdater().getStateViewArray();
        network.setUpdater(new LayerUpdater(network.getLayer(0), state));
    }

    /**
     * DL4J's {@code clear()}, which also drops the network's solver and with it the layer updater
     * (a later {@code getUpdater()} would build DL4J's network-wide one); the layer updater comes
     * back with the state it had.
     */
    static void clear(MultiLayerNetwork network) {
        INDArray state = network.getUpdater().getStateViewArray();
        INDArray kept = state == null ? null : state.dup();
        network.clear();
        network.setUpdater(new LayerUpdater(network.getLayer(0), kept));
    }

    /** The pretraining gradient of {@code features}, summed over them, into the gradient view; returns the mean loss. */
    static double computeGradientAndScore(MultiLayerNetwork network, INDArray features) {
        if (network.getGradientsViewArray() == null) {
            network.initGradientsView();
        }
        network.setInput(features);
        Layer layer = network.getLayer(0);
        layer.setInput(features, NO_WORKSPACES);
        layer.computeGradientAndScore(NO_WORKSPACES);
        return layer.score();
    }

    /** Runs the layer updater over the gradient view, as DL4J's pretraining step runs it. */
    static void runUpdater(MultiLayerNetwork network, int iteration, int epoch, int batchSize) {
        Layer layer = network.getLayer(0);
        Gradient gradient = new DefaultGradient(layer.getGradientsViewArray());
        Map<String, INDArray> views = layer.conf().getLayer().initializer()
                .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
        views.forEach(gradient::setGradientFor);
        network.getUpdater().update(layer, gradient, iteration, epoch, batchSize, NO_WORKSPACES);
    }

    /** Width of the reconstruction: the input's. */
    static long outputSize(MultiLayerNetwork network) {
        return network.layerInputSize(0);
    }

    /** The reconstruction of {@code features}: the decoder's mean at the posterior mean of {@code z}. */
    static INDArray output(MultiLayerNetwork network, INDArray features) {
        Pass pass = pass(network, features);
        return pass.distribution().generateAtMean(pass.reconstruction());
    }

    /**
     * Each example's negative evidence lower bound, with the reconstruction term at the posterior
     * mean: {@code -log p(x | z = mu) + KL(q(z|x) || N(0, I))}, without regularization.
     */
    static INDArray scoreExamples(MultiLayerNetwork network, INDArray features) {
        Pass pass = pass(network, features);
        INDArray variance = Transforms.exp(pass.logVariance(), true);
        INDArray kl = pass.logVariance().add(1).subi(pass.mean().mul(pass.mean())).subi(variance).sum(1).muli(-0.5);
        return pass.distribution().exampleNegLogProbability(features, pass.reconstruction()).reshape(-1).addi(kl.reshape(-1));
    }

    /**
     * One deterministic pass: the posterior's mean and log-variance, and the reconstruction
     * distribution's parameters (before its activation) at the mean.
     */
    private record Pass(INDArray mean, INDArray logVariance, INDArray reconstruction, ReconstructionDistribution distribution) {
    }

    private static Pass pass(MultiLayerNetwork network, INDArray features) {
        Layer layer = network.getLayer(0);
        var conf = (org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder) layer.conf().getLayer();
        IActivation hidden = conf.getActivationFn();
        INDArray current = features;
        for (int i = 0; i < conf.getEncoderLayerSizes().length; i++) {
            current = dense(layer, "e" + i, current, hidden);
        }
        INDArray mean = dense(layer, VariationalAutoencoderParamInitializer.PZX_MEAN_PREFIX, current, conf.getPzxActivationFn());
        INDArray logVariance = dense(layer, VariationalAutoencoderParamInitializer.PZX_LOGSTD2_PREFIX, current,
                conf.getPzxActivationFn());
        INDArray decoded = mean;
        for (int i = 0; i < conf.getDecoderLayerSizes().length; i++) {
            decoded = dense(layer, "d" + i, decoded, hidden);
        }
        INDArray parameters = affine(layer, VariationalAutoencoderParamInitializer.PXZ_PREFIX, decoded);
        return new Pass(mean, logVariance, parameters, conf.getOutputDistribution());
    }

    private static INDArray dense(Layer layer, String prefix, INDArray input, IActivation activation) {
        return activation.getActivation(affine(layer, prefix, input), false);
    }

    private static INDArray affine(Layer layer, String prefix, INDArray input) {
        return input.mmul(layer.getParam(prefix + VariationalAutoencoderParamInitializer.WEIGHT_KEY_SUFFIX))
                .addiRowVector(layer.getParam(prefix + VariationalAutoencoderParamInitializer.BIAS_KEY_SUFFIX));
    }
}
