package io.sparkdp.driver.cli;

import io.sparkdp.data.DataConfig;
import io.sparkdp.data.Normalization;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How records become examples, shared by the commands that read data; defaults come from {@link DataConfig#defaults()}. */
final class DataOptions {
    @Option(names = "--image-size", paramLabel = "HxW",
            description = "images: resize every image to HxW; auto = the size of the first image (default: ${DEFAULT-VALUE})")
    String imageSize;
    @Option(names = "--channels", paramLabel = "1|3",
            description = "images: keep 1 channel (gray, BT.601 luma) or 3 (red, green and blue planes) (default: ${DEFAULT-VALUE})")
    int channels;
    @Option(names = "--max-bad-fraction", paramLabel = "F",
            description = "largest fraction of unreadable records (corrupt images) skipped and counted; more fails the job (default: ${DEFAULT-VALUE})")
    double maxBadFraction;
    @Option(names = "--label-column", paramLabel = "COLUMN",
            description = "csv: the label column by 0-based index or header name, auto = the last; parquet: its name, auto = label (default: ${DEFAULT-VALUE})")
    String labelColumn;
    @Mixin
    RowOptions rows;
    @Option(names = "--num-classes", paramLabel = "N",
            description = "classes when labels are indices: a label >= N is an error; 0 = largest label + 1 (default: ${DEFAULT-VALUE})")
    int numClasses;
    @Option(names = "--num-features", paramLabel = "N",
            description = "libsvm: features per record; 0 = the largest index in the data (default: ${DEFAULT-VALUE})")
    int numFeatures;
    @Option(names = "--normalize", paramLabel = "none|minmax|standardize",
            description = "train: normalise each feature with statistics of the training records, saved with the model "
                    + "and applied at evaluation (default: ${DEFAULT-VALUE})")
    String normalize;

    DataConfig toConfig() {
        return DataConfig.defaults().withImageSize(imageSize).withMaxBadFraction(maxBadFraction).withLabelColumn(labelColumn)
                .withFeaturesColumn(rows.featuresColumn).withHeader(rows.header).withDelimiter(rows.delimiter).withNumClasses(numClasses)
                .withNumFeatures(numFeatures).withNormalize(Normalization.parse(normalize)).withChannels(channels);
    }
}
