package io.sparkdp.models.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's runtime SameDiff layer with its gradient function built by {@link ReverseModeGradients}
 * rather than by SameDiff's scheduler. In 1.0.0-M2 the scheduler loses gradients in recurrent
 * graphs (deeplearning4j issue 9655), and with DL4J's own runtime layer the
 * {@link SequenceEmbeddingLayer}'s gradients came out exactly twice the finite differences (the
 * external errors counted twice); sparkdp's SameDiff layers (the GRU and the attention layers)
 * all run on this one, and each has a gradient check.
 */
class ReverseModeLayer extends SameDiffLayer {
    ReverseModeLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The runtime layer of {@code layer}, as a SameDiff layer's {@code instantiate} returns it. */
    static ReverseModeLayer instantiate(AbstractSameDiffLayer layer, NeuralNetConfiguration conf, int index,
            INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        ReverseModeLayer runtime = new ReverseModeLayer(conf, networkDataType);
        runtime.setIndex(index);
        runtime.setParamsViewArray(paramsView);
        runtime.setParamTable(layer.initializer().init(conf, paramsView, initializeParams));
        runtime.setConf(conf);
        return runtime;
    }

    @Override
    protected void doInit() {
        super.doInit();
        ReverseModeGradients.define(sameDiff);
    }
}
