package io.sparkdp.models.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Per-layer, per-parameter views into a network's flat gradient, as DL4J's updater and batch norm see them. */
final class GradientViews {
    private GradientViews() {
    }

    /**
     * The flat gradient split per layer and parameter, keyed {@code <layer key>_<param>} as the
     * network's own backpropagation keys it; {@code layerKey} names layer {@code i}.
     */
    static Gradient keyed(INDArray gradientView, Layer[] layers, IntFunction<String> layerKey) {
        Gradient gradient = new DefaultGradient(gradientView);
        for (int i = 0; i < layers.length; i++) {
            for (Map.Entry<String, INDArray> entry : perParameter(layers[i]).entrySet()) {
                gradient.setGradientFor(layerKey.apply(i) + "_" + entry.getKey(), entry.getValue());
            }
        }
        return gradient;
    }

    /**
     * Views of the entries that DL4J uses to carry a layer's running statistics: those whose
     * updater does not divide by the minibatch (batch normalisation's global mean and variance,
     * whose step is the change of the running estimate and whose optimizer is a no-op).
     */
    static List<INDArray> stateEntries(Layer[] layers) {
        List<INDArray> entries = new ArrayList<>();
        for (Layer layer : layers) {
            for (Map.Entry<String, INDArray> entry : perParameter(layer).entrySet()) {
                if (!layer.updaterDivideByMinibatch(entry.getKey())) {
                    entries.add(entry.getValue());
                }
            }
        }
        return entries;
    }

    private static Map<String, INDArray> perParameter(Layer layer) {
        if (layer.numParams() == 0 || layer.getGradientsViewArray() == null) {
            return Map.of();
        }
        org.deeplearning4j.nn.conf.layers.Layer inner = layer.conf().getLayer();
        while (inner instanceof BaseWrapperLayer wrapper) {
            inner = wrapper.getUnderlying();
        }
        if (inner instanceof Bidirectional both) {
            return bidirectional(layer.conf(), both, layer.getGradientsViewArray());
        }
        return layer.conf().getLayer().initializer().getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
    }

    /**
     * A bidirectional layer's views: the forward layer's first, then the backward one's, keyed as
     * its parameters are. DL4J's own initializer hands its inner layer the bidirectional
     * configuration and fails with a ClassCastException, so the halves are split here.
     */
    private static Map<String, INDArray> bidirectional(NeuralNetConfiguration conf, Bidirectional both, INDArray view) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(both.getFwd());
        long half = view.length() / 2;
        Map<String, INDArray> out = new LinkedHashMap<>();
        both.getFwd().initializer().getGradientsFromFlattened(inner, view.get(NDArrayIndex.interval(0, 0, true),
                NDArrayIndex.interval(0, half))).forEach((name, v) -> out.put(BidirectionalParamInitializer.FORWARD_PREFIX + name, v));
        inner.setLayer(both.getBwd());
        both.getBwd().initializer().getGradientsFromFlattened(inner, view.get(NDArrayIndex.interval(0, 0, true),
                NDArrayIndex.interval(half, 2 * half))).forEach((name, v) -> out.put(BidirectionalParamInitializer.BACKWARD_PREFIX + name, v));
        return out;
    }
}
