package io.sparkdp.driver.cli;

import io.sparkdp.data.DataConfig;
import picocli.CommandLine.Option;

/** How records become examples, shared by the commands that read data; defaults come from {@link DataConfig#defaults()}. */
final class DataOptions {
    @Option(names = "--image-size", paramLabel = "HxW",
            description = "images: resize every image to HxW; auto = the size of the first image (default: ${DEFAULT-VALUE})")
    String imageSize;
    @Option(names = "--max-bad-fraction", paramLabel = "F",
            description = "largest fraction of unreadable records (corrupt images) skipped and counted; more fails the job (default: ${DEFAULT-VALUE})")
    double maxBadFraction;

    DataConfig toConfig() {
        return new DataConfig(imageSize, maxBadFraction);
    }
}
