package io.sparkdp.models.layers;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link SelfAttentionLayer} with projected input (its configuration, parameters,
 * initialisation, output type and mask handling) whose graph differentiates correctly in
 * 1.0.0-M2: the same multi-head attention of every step over every real step, built by
 * {@link AttentionGraph} instead of libnd4j's fused op, with gradients by {@link ReverseModeLayer}.
 * Input {@code [batch, nIn, T]}, output {@code [batch, nOut, T]}; the mask passes on.
 */
public class MultiHeadSelfAttentionLayer extends SelfAttentionLayer {
    /** For JSON deserialisation only: DL4J's no-argument constructor is private; the fields come from setters. */
    protected MultiHeadSelfAttentionLayer() {
        super(new SelfAttentionLayer.Builder().headSize(1));
    }

    /** {@code nHeads} heads of {@code headSize}, projected to {@code nOut}; the input size comes from the network's input type. */
    public MultiHeadSelfAttentionLayer(int nOut, int nHeads, int headSize, WeightInit weightInit) {
        super(new SelfAttentionLayer.Builder().nOut(nOut).nHeads(nHeads).headSize(headSize).projectInput(true)
                .weightInit(weightInit));
        if (nOut < 1 || nHeads < 1 || headSize < 1) {
            throw new IllegalArgumentException("self-attention needs a positive width, heads and head size, got "
                    + nOut + ", " + nHeads + ", " + headSize);
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return AttentionGraph.multiHead(sd, input, input.getShape()[2], input, mask, new AttentionGraph.Projections(
                params.get("Wq"), params.get("Wk"), params.get("Wv"), params.get("Wo"), getNIn(), getNHeads(), getHeadSize(),
                getNOut()));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return ReverseModeLayer.instantiate(this, conf, index, paramsView, initializeParams, networkDataType);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof MultiHeadSelfAttentionLayer;
    }
}
