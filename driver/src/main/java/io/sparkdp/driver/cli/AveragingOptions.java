package io.sparkdp.driver.cli;

import io.sparkdp.driver.config.AveragingConfig;
import picocli.CommandLine.Option;

/** {@code train}'s and {@code bench}'s options for how {@code --strategy average} combines the workers; defaults come from {@link AveragingConfig#defaults()}. */
final class AveragingOptions {
    @Option(names = "--outer-learning-rate", paramLabel = "ALPHA",
            description = "with --strategy average: the driver's step along the slow momentum of the averaged moves (SlowMo); 1 with --outer-momentum 0 = the plain mean (default: ${DEFAULT-VALUE})")
    double outerLearningRate;
    @Option(names = "--outer-momentum", paramLabel = "BETA",
            description = "with --strategy average: slow momentum over the rounds' averaged moves, in [0, 1); 0 = off (default: ${DEFAULT-VALUE})")
    double outerMomentum;

    AveragingConfig toConfig() {
        return new AveragingConfig(outerLearningRate, outerMomentum);
    }
}
