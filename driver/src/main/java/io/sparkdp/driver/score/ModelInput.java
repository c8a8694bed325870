package io.sparkdp.driver.score;

import io.sparkdp.data.BadDataException;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The images a saved model reads and the classes it predicts: a CNN states its image size in its
 * input pre-processor; an MLP reads {@code n} flat values, taken as a square {@code sqrt(n)} image.
 *
 * @param height  image rows
 * @param width   image columns
 * @param classes classes of the output layer
 */
record ModelInput(int height, int width, int classes) {
    static ModelInput of(MultiLayerNetwork network) {
        int classes = (int) network.layerSize(network.getnLayers() - 1);
        if (network.getLayerWiseConfigurations().getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor image) {
            if (image.getNumChannels() != 1) {
                throw new BadDataException("the model reads " + image.getNumChannels()
                        + "-channel images; scoring supports grayscale (1-channel) models only");
            }
            return new ModelInput((int) image.getInputHeight(), (int) image.getInputWidth(), classes);
        }
        long features = network.layerInputSize(0);
        int side = (int) Math.round(Math.sqrt(features));
        if ((long) side * side != features) {
            throw new BadDataException("the model reads " + features + " values per example, not a square image");
        }
        return new ModelInput(side, side, classes);
    }

    int features() {
        return height * width;
    }

    /** e.g. "28x28". */
    String shape() {
        return height + "x" + width;
    }
}
