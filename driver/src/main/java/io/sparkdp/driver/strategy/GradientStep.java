package io.sparkdp.driver.strategy;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies a summed gradient to the driver's network exactly as DL4J's own {@code fit} applies the
 * gradient of one minibatch: the network's updater divides by the batch size, runs gradient
 * normalisation, regularisation and the optimizer, the step is subtracted from the parameters,
 * the iteration count advances and constraints are applied. One worker therefore reproduces a
 * single-machine {@code fit} bit for bit.
 */
public final class GradientStep {
    private GradientStep() {
    }

    /**
     * @param gradientSum sum of per-example gradients over the global minibatch
     * @param examples    size of the global minibatch
     */
    public static void apply(MultiLayerNetwork network, INDArray gradientSum, long examples) {
        if (network.getGradientsViewArray() == null) {
            network.initGradientsView();
        }
        INDArray view = network.getGradientsViewArray();
        if (view.length() != gradientSum.length()) {
            throw new IllegalArgumentException("gradient of length " + gradientSum.length() + " does not fit a network of "
                    + view.length() + " parameters");
        }
        view.assign(gradientSum.reshape(view.shape()));
        int iteration = network.getIterationCount();
        int epoch = network.getEpochCount();
        network.getUpdater().update(network, layerwise(network), iteration, epoch, Math.toIntExact(examples),
                LayerWorkspaceMgr.noWorkspaces());
        network.params().subi(view);
        network.setIterationCount(iteration + 1);
        for (Layer layer : network.getLayers()) {
            layer.setIterationCount(iteration + 1);
            layer.setEpochCount(epoch);
        }
        network.applyConstraints(iteration + 1, epoch);
    }

    /** The gradient view split per layer and parameter, keyed as DL4J's backprop keys it ("0_W"). */
    private static Gradient layerwise(MultiLayerNetwork network) {
        Gradient gradient = new DefaultGradient(network.getGradientsViewArray());
        Layer[] layers = network.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].numParams() == 0) {
                continue;
            }
            Map<String, INDArray> perParam = layers[i].conf().getLayer().initializer()
                    .getGradientsFromFlattened(layers[i].conf(), layers[i].getGradientsViewArray());
            for (Map.Entry<String, INDArray> entry : perParam.entrySet()) {
                gradient.setGradientFor(i + "_" + entry.getKey(), entry.getValue());
            }
        }
        return gradient;
    }
}
