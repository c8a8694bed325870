package io.sparkdp.driver.score;

import io.sparkdp.data.DataSchema;
import io.sparkdp.data.Normalizer;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import java.util.List;
import java.util.Optional;
import io.sparkdp.data.BadDataException;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The images a saved model reads, how their features are normalised, and the classes it
 * predicts: a CNN states its image size in its input pre-processor; an MLP reads {@code n} flat
 * values, taken as a square {@code sqrt(n)} image. The class names and the normaliser are those
 * saved at training (a model without sparkdp's metadata names classes by index and normalises
 * nothing beyond the pixel scaling).
 *
 * @param height     image rows
 * @param width      image columns
 * @param channels   colour planes: 1 (gray) or 3 (red, green, blue)
 * @param classes    classes of the output layer
 * @param classNames the name of each class, in output order
 * @param normalizer applied to each decoded image before the forward pass
 */
record ModelInput(int height, int width, int channels, int classes, List<String> classNames, Normalizer normalizer)
        implements java.io.Serializable {
    static ModelInput of(ModelStore.StoredModel stored) {
        if (stored.metadata().map(m -> m.task() == io.sparkdp.data.Task.RECONSTRUCTION).orElse(false)) {
            throw new BadDataException("the model reconstructs its input; sparkdp score scores classifiers of images "
                    + "(use sparkdp evaluate for its reconstruction error)");
        }
        if (stored.metadata().map(m -> m.input().regression()).orElse(false)) {
            throw new BadDataException("the model predicts regression targets; sparkdp score scores classifiers of images "
                    + "(use sparkdp evaluate for a regression model's metrics)");
        }
        MultiLayerNetwork network = stored.network();
        Optional<DataSchema> trained = stored.metadata().map(ModelMetadata::input).filter(DataSchema::image);
        ModelInput shape = trained.map(schema -> of(network, schema)).orElseGet(() -> of(network));
        List<String> names = stored.metadata().map(ModelMetadata::classNames)
                .filter(saved -> saved.size() == shape.classes()).orElse(shape.classNames());
        Normalizer normalizer = stored.metadata().map(ModelMetadata::normalizer).orElse(Normalizer.none());
        normalizer.checkFits(shape.features());
        return new ModelInput(shape.height(), shape.width(), shape.channels(), shape.classes(), names, normalizer);
    }

    /** The shape of the images the model was trained on, as its metadata says. */
    private static ModelInput of(MultiLayerNetwork network, DataSchema trained) {
        int classes = (int) network.layerSize(network.getnLayers() - 1);
        return new ModelInput(trained.height(), trained.width(), trained.channels(), classes,
                DataSchema.indexNames(classes), Normalizer.none());
    }

    /** The shape read off the network alone: a CNN's pre-processor, or a square gray image of an MLP's inputs. */
    private static ModelInput of(MultiLayerNetwork network) {
        int classes = (int) network.layerSize(network.getnLayers() - 1);
        if (network.getLayerWiseConfigurations().getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor image) {
            if (image.getNumChannels() != 1 && image.getNumChannels() != 3) {
                throw new BadDataException("the model reads " + image.getNumChannels()
                        + "-channel images; scoring reads gray (1-channel) or RGB (3-channel) images");
            }
            return new ModelInput((int) image.getInputHeight(), (int) image.getInputWidth(), (int) image.getNumChannels(),
                    classes, DataSchema.indexNames(classes), Normalizer.none());
        }
        long features = network.layerInputSize(0);
        int side = (int) Math.round(Math.sqrt(features));
        if ((long) side * side != features) {
            throw new BadDataException("the model reads " + features + " values per example, not a square image");
        }
        return new ModelInput(side, side, 1, classes, DataSchema.indexNames(classes), Normalizer.none());
    }

    int features() {
        return channels * height * width;
    }

    /** e.g. "28x28", or "3x32x32" for colour. */
    String shape() {
        return (channels == 1 ? "" : channels + "x") + height + "x" + width;
    }
}
