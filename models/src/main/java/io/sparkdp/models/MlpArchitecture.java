package io.sparkdp.models;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A multi-layer perceptron: input, dense 512 and 256 with ReLU, softmax output. */
final class MlpArchitecture implements Architecture {
    private static final int[] HIDDEN = {512, 256};

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "multi-layer perceptron, dense 512-256 with ReLU, softmax output";
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(request.seed())
                .dataType(request.dataType())
                .updater(request.optimizer().toUpdater())
                .weightInit(WeightInit.RELU)
                .list();
        int in = request.input().size();
        int index = 0;
        for (int width : HIDDEN) {
            layers.layer(index++, new DenseLayer.Builder().nIn(in).nOut(width).activation(Activation.RELU).build());
            in = width;
        }
        layers.layer(index, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(in).nOut(request.numClasses())
                .weightInit(WeightInit.XAVIER)
                .activation(Activation.SOFTMAX).build());
        return layers.setInputType(InputType.feedForward(request.input().size())).build();
    }
}
