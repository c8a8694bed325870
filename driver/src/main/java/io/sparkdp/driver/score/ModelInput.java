package io.sparkdp.driver.score;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.ImageDecoder;
import io.sparkdp.data.Normalizer;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.network.GanNetwork;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
import io.sparkdp.models.network.SiameseNetwork;
import java.util.List;

/**
 * What a saved model reads and predicts, as scoring needs it: the schema of its training data
 * (an image's shape or a row's feature count; its class names or regression target names) and
 * the normaliser fitted at training. A model without sparkdp's metadata is read off its network:
 * a CNN states its image size in its input pre-processor; an MLP reading {@code n = s * s} values
 * reads an {@code s x s} gray image, any other {@code n} a row of {@code n} features; its classes
 * are named by index and nothing is normalised beyond the pixel scaling.
 *
 * @param schema     the examples the model was trained on
 * @param normalizer applied to each example's features before the forward pass
 */
record ModelInput(DataSchema schema, Normalizer normalizer) implements java.io.Serializable {
    static ModelInput of(ModelStore.StoredModel stored) {
        if (stored.metadata().map(m -> m.task() == io.sparkdp.data.Task.RECONSTRUCTION).orElse(false)) {
            throw new BadDataException("the model reconstructs its input; sparkdp score scores classifiers and regression"
                    + " models (use sparkdp evaluate for its reconstruction error)");
        }
        Network network = stored.model();
        refuseUnscorable(network);
        int outputs = (int) network.outputSize();
        DataSchema schema = stored.metadata().map(ModelMetadata::input).orElseGet(() -> of(network.configuration(), outputs));
        if (schema.outputs() != outputs) {
            throw new BadDataException("the model's metadata names " + schema.describeLabels() + " but its output layer has "
                    + outputs + " outputs");
        }
        Normalizer normalizer = stored.metadata().map(ModelMetadata::normalizer).orElse(Normalizer.none());
        normalizer.checkFits(schema.normalizedSize());
        return new ModelInput(schema, normalizer);
    }

    /** Models whose output is no class or target value: a Siamese network's embeddings, a GAN's discriminator. */
    private static void refuseUnscorable(Network network) {
        if (network instanceof SiameseNetwork) {
            throw new BadDataException("the model is a Siamese network, whose output is an embedding; sparkdp score scores"
                    + " classifiers and regression models (sparkdp evaluate reports its pair ROC AUC)");
        }
        if (network instanceof GanNetwork) {
            throw new BadDataException("the model is a GAN; draw images from it with sparkdp sample (sparkdp evaluate"
                    + " measures its discriminator)");
        }
    }

    /** The schema read off the network alone: a CNN's pre-processor, a square gray image, or a row of features. */
    private static DataSchema of(NetworkConfiguration network, int classes) {
        List<String> names = DataSchema.indexNames(classes);
        if (network.imageInput().isPresent()) {
            InputShape image = network.imageInput().get();
            return new DataSchema(image.channels(), image.height(), image.width(), true, names);
        }
        long features = network.inputSize();
        int side = (int) Math.round(Math.sqrt(features));
        return (long) side * side == features ? new DataSchema(1, side, side, true, names)
                : new DataSchema(1, 1, (int) features, false, names);
    }

    /** Whether the model reads {@code csvseq:} sequences. */
    boolean sequence() {
        return schema.sequence();
    }

    /** Whether the model predicts a class or targets for every time step of a sequence (tagging, per-step forecasting). */
    boolean perStep() {
        return schema.stepLabels() && !schema.targetSequences();
    }

    /** Sequences only: the time steps every sequence is padded to, the longest the model was trained on. */
    int steps() {
        return schema.width();
    }

    /** Sequences only: the values of one time step. */
    int stepFeatures() {
        return schema.channels();
    }

    /** Values per example the network reads: a sequence's padded to {@link #steps()}. */
    int features() {
        return schema.featureSize();
    }

    boolean regression() {
        return schema.regression();
    }

    /** Classes of a classifier; 0 for a regression model. */
    int classes() {
        return schema.numClasses();
    }

    /**
     * The decoder of image files into the model's input.
     *
     * @throws BadDataException for a model that does not read gray or RGB images
     */
    ImageDecoder decoder() {
        if (!schema.image()) {
            throw new BadDataException("the model reads rows of " + features() + " features, not images"
                    + " (it was trained on tabular data); score csv: or parquet: input with it");
        }
        if (schema.channels() != 1 && schema.channels() != 3) {
            throw new BadDataException("the model reads " + schema.channels()
                    + "-channel images; scoring reads gray (1-channel) or RGB (3-channel) images");
        }
        return new ImageDecoder(schema.height(), schema.width(), schema.channels());
    }

    /** e.g. "28x28", "3x32x32" for colour, or "10 features" for rows. */
    String shape() {
        if (sequence()) {
            return "sequences of " + stepFeatures() + " values per time step";
        }
        if (!schema.image()) {
            return features() + " features";
        }
        return (schema.channels() == 1 ? "" : schema.channels() + "x") + schema.height() + "x" + schema.width();
    }

    /**
     * How the model's outputs become rows: its classes with the top {@code topK}, its regression
     * targets, or a seq2seq model's decoded sequences of up to its longest target and its end.
     */
    ScoreRows.Output output(int topK) {
        if (schema.targetSequences()) {
            return new ScoreRows.Decoded(schema.classNames(), schema.labelSteps());
        }
        return regression() ? new ScoreRows.Targets(schema.targetNames()) : new ScoreRows.Classes(schema.classNames(), topK);
    }
}
