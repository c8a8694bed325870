package io.sparkdp.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PrimaryCapsules;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link PrimaryCapsules} (a convolution whose output is cut into capsules and squashed),
 * unchanged but for its gradients, which come from {@link ReverseModeGradients}: the squash uses
 * its input both directly and through its norm, at different depths, which SameDiff 1.0.0-M2's
 * own scheduler gets wrong (deeplearning4j issue 9655). Plain DL4J configuration; survives JSON.
 */
public class ReverseModePrimaryCapsules extends PrimaryCapsules {
    /** For JSON. */
    public ReverseModePrimaryCapsules() {
    }

    /** The layer {@code builder} describes. */
    public ReverseModePrimaryCapsules(PrimaryCapsules.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return ReverseModeLayer.instantiate(this, conf, index, paramsView, initializeParams, networkDataType);
    }
}
