package io.sparkdp.models.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's runtime SameDiff layer for sparkdp's SameDiff layers ({@link GruLayer}, the capsule
 * layers), whose gradient function is built by {@link ReverseModeGradients} rather than by
 * SameDiff's scheduler, which in 1.0.0-M2 loses the gradient of a variable that feeds ops at
 * different depths (a recurrence, a routing loop, a squash).
 */
class ReverseModeLayerImpl extends SameDiffLayer {
    ReverseModeLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The runtime layer of {@code conf}'s SameDiff layer configuration, as DL4J's own {@code instantiate} builds it. */
    static Layer instantiate(NeuralNetConfiguration conf, int index, INDArray paramsView, boolean initializeParams,
                             DataType dataType) {
        ReverseModeLayerImpl layer = new ReverseModeLayerImpl(conf, dataType);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(conf.getLayer().initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    protected void doInit() {
        super.doInit();
        ReverseModeGradients.define(sameDiff);
    }
}
