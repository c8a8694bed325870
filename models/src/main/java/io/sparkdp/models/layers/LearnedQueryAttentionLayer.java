package io.sparkdp.models.layers;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link LearnedSelfAttentionLayer}, its configuration, parameters, initialisation, output
 * type and mask handling, with a graph that runs and differentiates correctly in 1.0.0-M2. There,
 * DL4J's own graph copies the learned queries for every example with a {@code scatter_update} on
 * the input's shape that libnd4j refuses, so the layer fails on its first forward pass; and the
 * fused attention op it calls has a wrong backward pass ({@link AttentionGraph}). This one
 * broadcasts the queries {@code [1, nIn, nQueries]} over a column of ones per example, taken from
 * the mask (a placeholder, which needs no gradient), and attends with {@link AttentionGraph}, the
 * mask on the keys, so padded steps are never attended to. Gradients: {@link ReverseModeLayer}.
 *
 * <p>Input {@code [batch, nIn, T]}; output {@code [batch, nOut, nQueries]}, one pooled vector per
 * query; no mask goes on, as after global pooling.
 */
public class LearnedQueryAttentionLayer extends LearnedSelfAttentionLayer {
    /** For JSON deserialisation only: DL4J's no-argument constructor is private; the fields come from setters. */
    protected LearnedQueryAttentionLayer() {
        super(new LearnedSelfAttentionLayer.Builder().headSize(1));
    }

    /**
     * {@code nQueries} learned queries, each pooling the sequence by {@code nHeads} heads of
     * {@code headSize}, projected to {@code nOut}; the input size comes from the network's input type.
     */
    public LearnedQueryAttentionLayer(int nOut, int nHeads, int headSize, int nQueries, WeightInit weightInit) {
        super(new LearnedSelfAttentionLayer.Builder().nOut(nOut).nHeads(nHeads).headSize(headSize)
                .projectInput(true).nQueries(nQueries).weightInit(weightInit));
        if (nOut < 1 || nHeads < 1 || headSize < 1 || nQueries < 1) {
            throw new IllegalArgumentException("attention pooling needs a positive width, heads, head size and queries, got "
                    + nOut + ", " + nHeads + ", " + headSize + ", " + nQueries);
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        // mask * 0 + 1 rather than onesLike, whose SameDiff op logs a warning every time a graph is built.
        SDVariable perExample = mask.get(SDIndex.all(), SDIndex.interval(0, 1)).mul(0.0).add(1.0).reshape(-1, 1, 1);
        SDVariable queries = perExample.mul(params.get("Q"));
        return AttentionGraph.multiHead(sd, queries, getNQueries(), input, mask, new AttentionGraph.Projections(
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
        return other instanceof LearnedQueryAttentionLayer;
    }
}
