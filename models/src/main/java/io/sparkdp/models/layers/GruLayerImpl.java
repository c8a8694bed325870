package io.sparkdp.models.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DL4J's runtime SameDiff layer for a {@link GruLayer}, whose gradient function is built by
 * {@link ReverseModeGradients} rather than by SameDiff's scheduler, which loses gradients in
 * recurrent graphs in 1.0.0-M2.
 */
class GruLayerImpl extends SameDiffLayer {
    GruLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected void doInit() {
        super.doInit();
        ReverseModeGradients.define(sameDiff);
    }
}
