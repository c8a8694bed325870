package io.sparkdp.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.CapsuleStrengthLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link CapsuleStrengthLayer}: the length of each capsule, {@code [batch, capsules,
 * dimensions]} to {@code [batch, capsules]}, with two repairs. DL4J's class has no constructor
 * Jackson can call, so a network holding it cannot be read back from its JSON configuration; and
 * SameDiff 1.0.0-M2's own gradient function doubles its gradient (the layer's errors are counted
 * once as the output's gradient and once more by the norm's derivative), so its gradient comes
 * from {@link ReverseModeGradients}.
 */
public class CapsuleLengthLayer extends CapsuleStrengthLayer {
    /** For JSON, and for use. */
    public CapsuleLengthLayer() {
        super(new CapsuleStrengthLayer.Builder());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return ReverseModeLayer.instantiate(this, conf, index, paramsView, initializeParams, networkDataType);
    }
}
