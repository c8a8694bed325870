package io.sparkdp.driver.cli;

import io.sparkdp.driver.SampleJob;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sparkdp sample}: images drawn from a trained GAN's generator, written as PNG files. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw images from a GAN trained with --model gan and write them as PNG files",
                "sample-00000.png, sample-00001.png, ... into a directory on any Hadoop URI. No Spark job runs."})
final class SampleCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "URI", description = "model zip of a GAN written by sparkdp train --model gan")
    String model;
    @Option(names = "--count", paramLabel = "N", defaultValue = "16", description = "images to draw (default: ${DEFAULT-VALUE})")
    int count;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "directory to write the PNG files into; created if missing")
    String output;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the generator's noise: the same seed draws the same images (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--overwrite", description = "replace sample files already in the directory")
    boolean overwrite;

    @Override
    public Integer call() {
        List<String> written = SampleJob.run(new Configuration(), new SampleJob.Request(model, count, output, seed, overwrite));
        System.out.println("wrote " + written.size() + " images to " + output);
        return 0;
    }
}
