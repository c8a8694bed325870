package io.sparkdp.models;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small convolutional network: two blocks of 5x5 convolution (32 and 64 filters, ReLU) and
 * 2x2 max pooling, a dense layer of 256 with ReLU, softmax output. Reads flat examples as
 * images of the request's shape.
 */
final class CnnArchitecture implements Architecture {
    private static final int[] FILTERS = {32, 64};
    private static final int DENSE = 256;

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String description() {
        return "convolutional network, two 5x5 conv (32, 64) + 2x2 max-pool blocks, dense 256, softmax output";
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        InputShape shape = request.input();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(request.seed())
                .dataType(request.dataType())
                .updater(request.optimizer().toUpdater())
                .weightInit(WeightInit.RELU)
                .list();
        int index = 0;
        for (int filters : FILTERS) {
            layers.layer(index++, new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(filters)
                    .activation(Activation.RELU).build());
            layers.layer(index++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2).stride(2, 2).build());
        }
        layers.layer(index++, new DenseLayer.Builder().nOut(DENSE).activation(Activation.RELU).build());
        layers.layer(index, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(request.numClasses()).weightInit(WeightInit.XAVIER).activation(Activation.SOFTMAX).build());
        return layers.setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels())).build();
    }
}
